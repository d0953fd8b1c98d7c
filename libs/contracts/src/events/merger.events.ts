import { z } from 'zod';
import { defineEvent } from '../lib/registry';

/** Events published by merger-service (the administrative-unit registry). Topic `xaso.merger.events.v1`. */
const SOURCE = 'merger';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date');
const unitLevel = z.enum(['province', 'city', 'district', 'town', 'commune', 'ward', 'township', 'special-zone']);
/** A unit is identified by its code together with the date it became valid (codes are reused). */
const unitRef = z.object({ code: z.string().min(1), validFrom: isoDate });

/** A version of an administrative unit came into existence (aggregateId `<code>@<validFrom>`). */
export const adminUnitCreated = defineEvent({
  type: 'admin-unit.created',
  version: 1,
  source: SOURCE,
  schema: z.object({
    code: z.string().min(1),
    name: z.string().min(1),
    level: unitLevel,
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    parent: unitRef.nullable(),
    predecessors: z.array(unitRef).default([]),
  }),
});

/** Summary of a bulk import of units (the individual units are not announced one by one). */
export const adminUnitImported = defineEvent({
  type: 'admin-unit.imported',
  version: 1,
  source: SOURCE,
  schema: z.object({
    importId: z.string().min(1),
    /** Data set the units came from, e.g. `shared/data/admin-units@2025-07-01`. */
    dataset: z.string().min(1),
    asOf: isoDate,
    created: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    countsByLevel: z.record(z.string(), z.number().int().nonnegative()).default({}),
    /** Predecessor → successor links written by the import (province links are derived). */
    links: z
      .object({ created: z.number().int().nonnegative(), updated: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
      .optional(),
  }),
});

/** A village / residential group (thôn, tổ dân phố) was recorded under a commune. */
export const villageCreated = defineEvent({
  type: 'village.created',
  version: 1,
  source: SOURCE,
  schema: z.object({
    /** The village's own identity (aggregateId `<code>@<validFrom>`): code `<communeCode>-<NNN>`. */
    code: z.string().min(1),
    validFrom: isoDate,
    name: z.string().min(1),
    /** Thôn or Tổ dân phố. */
    type: z.string().min(1),
    commune: unitRef,
  }),
});

export const mergerEvents = [adminUnitCreated, adminUnitImported, villageCreated];
