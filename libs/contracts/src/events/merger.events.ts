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

/** Registry level of a unit in the batch event (the merger's own levels). */
export const registryUnitLevel = z.enum(['PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE']);

/** One unit version as carried by `admin-units.upserted`: enough for a replica to upsert it. */
export const replicatedUnit = z.object({
  code: z.string().min(1),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  name: z.string().min(1),
  level: registryUnitLevel,
  /** Tỉnh, Thành phố, Quận, Huyện, Xã, Phường, Đặc khu, Thôn, Tổ dân phố, ... */
  type: z.string().min(1),
  parent: unitRef.nullable(),
  /** Outgoing rearrangement links: which unit version(s) this one became (`divided`: split among several). */
  successors: z.array(unitRef.extend({ divided: z.boolean() })).optional(),
});
export type ReplicatedUnit = z.infer<typeof replicatedUnit>;

/** Most units in one `admin-units.upserted` event (the import sends the registry in chunks). */
export const ADMIN_UNITS_CHUNK_SIZE = 1000;

/**
 * Unit versions that were created or changed (import chunks of at most 1,000 units, or a single
 * new unit such as a village). Replicas upsert every unit by (code, validFrom) and replace its
 * successor links when `successors` is given. aggregateId `admin-units:<importId>:<chunk>` or `<code>@<validFrom>`.
 */
export const adminUnitsUpserted = defineEvent({
  type: 'admin-units.upserted',
  version: 1,
  source: SOURCE,
  schema: z.object({
    units: z.array(replicatedUnit).min(1).max(ADMIN_UNITS_CHUNK_SIZE),
  }),
});

/** Summary of a bulk import of units (the units themselves travel in `admin-units.upserted` chunks). */
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

/**
 * Unit versions that no longer exist: a rearrangement plan's versions removed by its compensation
 * (rolled back before it was final). Replicas delete these versions and the links to and from
 * them; the restored predecessors arrive in an `admin-units.upserted` of the same transaction.
 */
export const adminUnitsWithdrawn = defineEvent({
  type: 'admin-units.withdrawn',
  version: 1,
  source: SOURCE,
  schema: z.object({
    units: z.array(unitRef).min(1).max(ADMIN_UNITS_CHUNK_SIZE),
    /** The plan whose compensation withdrew them. */
    planId: z.string().min(1),
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

export const mergerEvents = [adminUnitCreated, adminUnitsUpserted, adminUnitsWithdrawn, adminUnitImported, villageCreated];
