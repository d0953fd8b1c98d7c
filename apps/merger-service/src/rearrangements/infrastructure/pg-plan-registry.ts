import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, type LocalDate } from '@xaso/calendar';
import { DataSource } from 'typeorm';
import type { UnitKey, UnitLink } from '../../units/domain/unit';
import { INSERT_UNITS, IN_FORCE, pickUnit, type RegistryQuery, registryQuery, UNIT_COLUMNS, type UnitRow, unitArrays } from '../../units/infrastructure/unit-sql';
import type { RegistryChange } from '../domain/registry-change';
import { RegistrySnapshot } from '../domain/registry-snapshot';
import { type AppliedRegistryChange, PlanRegistry } from '../application/plan-registry.port';

/** Same key for every writer of the registry's versions (plans; imports take their own transaction). */
const REGISTRY_LOCK = 7_240_001;

const keyArrays = (keys: UnitKey[]) => [keys.map((k) => k.code), keys.map((k) => k.validFrom)];
const linkArrays = (links: UnitLink[]) => [
  links.map((l) => l.predecessorCode),
  links.map((l) => l.predecessorValidFrom),
  links.map((l) => l.successorCode),
  links.map((l) => l.successorValidFrom),
  links.map((l) => l.divided),
];

@Injectable()
export class PgPlanRegistry extends PlanRegistry {
  private readonly query: RegistryQuery;

  constructor(@InjectDataSource() dataSource: DataSource) {
    super();
    this.query = registryQuery(dataSource);
  }

  async snapshotAround(effectiveDate: LocalDate): Promise<RegistrySnapshot> {
    const dayBefore = addDays(effectiveDate, -1);
    const units = await this.query<UnitRow>(
      `SELECT ${UNIT_COLUMNS('u')} FROM administrative_unit u WHERE (${IN_FORCE('u', '$1::date')}) OR (${IN_FORCE('u', '$2::date')})`,
      [dayBefore, effectiveDate],
    );
    const links = await this.query<UnitLink>(
      `SELECT l.predecessor_code AS "predecessorCode", l.predecessor_valid_from::text AS "predecessorValidFrom",
              l.successor_code AS "successorCode", l.successor_valid_from::text AS "successorValidFrom", l.divided
       FROM unit_link l JOIN administrative_unit u ON u.code = l.predecessor_code AND u.valid_from = l.predecessor_valid_from
       WHERE ${IN_FORCE('u', '$1::date')}`,
      [dayBefore],
    );
    return new RegistrySnapshot(effectiveDate, units.map(pickUnit), links);
  }

  async lock(): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock($1)`, [REGISTRY_LOCK]);
  }

  async apply(change: RegistryChange): Promise<AppliedRegistryChange> {
    const ended = change.ended.length
      ? await this.query<UnitKey & { previousValidTo: string | null }>(
          `WITH old AS (
             SELECT u.code, u.valid_from, u.valid_to FROM administrative_unit u
             JOIN unnest($1::text[], $2::date[]) AS k(code, valid_from) ON u.code = k.code AND u.valid_from = k.valid_from
             WHERE u.valid_to IS DISTINCT FROM $3::date FOR UPDATE OF u)
           , changed AS (UPDATE administrative_unit u SET valid_to = $3::date, updated_at = now() FROM old
             WHERE u.code = old.code AND u.valid_from = old.valid_from
             RETURNING u.code, u.valid_from::text AS "validFrom", old.valid_to::text AS "previousValidTo")
           SELECT * FROM changed`,
          [...keyArrays(change.ended), change.endOn],
        )
      : [];
    const inserted = change.created.length
      ? await this.query<UnitKey>(
          `${INSERT_UNITS} ON CONFLICT (code, valid_from) DO NOTHING RETURNING code, valid_from::text AS "validFrom"`,
          unitArrays(change.created),
        )
      : [];
    const links = change.links.length
      ? await this.query<UnitLink>(
          `INSERT INTO unit_link (predecessor_code, predecessor_valid_from, successor_code, successor_valid_from, divided)
           SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::date[], $5::boolean[])
           ON CONFLICT DO NOTHING
           RETURNING predecessor_code AS "predecessorCode", predecessor_valid_from::text AS "predecessorValidFrom",
                     successor_code AS "successorCode", successor_valid_from::text AS "successorValidFrom", divided`,
          linkArrays(change.links),
        )
      : [];
    return {
      ended: ended.map((r) => ({ code: r.code, validFrom: r.validFrom, previousValidTo: r.previousValidTo })),
      inserted: inserted.map((r) => ({ code: r.code, validFrom: r.validFrom })),
      links,
    };
  }

  async revert(applied: AppliedRegistryChange): Promise<void> {
    if (applied.links.length) {
      await this.query(
        `DELETE FROM unit_link l USING unnest($1::text[], $2::date[], $3::text[], $4::date[]) AS k(pc, pv, sc, sv)
         WHERE l.predecessor_code = k.pc AND l.predecessor_valid_from = k.pv AND l.successor_code = k.sc AND l.successor_valid_from = k.sv`,
        linkArrays(applied.links).slice(0, 4),
      );
    }
    if (applied.inserted.length) {
      // One statement: the parent-key foreign key is checked at its end, so parents and children go together.
      await this.query(
        `DELETE FROM village_sequence s USING unnest($1::text[], $2::date[]) AS k(code, valid_from)
         WHERE s.commune_code = k.code AND s.commune_valid_from = k.valid_from`,
        keyArrays(applied.inserted),
      );
      await this.query(
        `DELETE FROM administrative_unit u USING unnest($1::text[], $2::date[]) AS k(code, valid_from)
         WHERE u.code = k.code AND u.valid_from = k.valid_from`,
        keyArrays(applied.inserted),
      );
    }
    if (applied.ended.length) {
      await this.query(
        `UPDATE administrative_unit u SET valid_to = k.previous, updated_at = now()
         FROM unnest($1::text[], $2::date[], $3::date[]) AS k(code, valid_from, previous)
         WHERE u.code = k.code AND u.valid_from = k.valid_from`,
        [...keyArrays(applied.ended), applied.ended.map((e) => e.previousValidTo)],
      );
    }
  }

  async recordApplied(planId: string, applied: AppliedRegistryChange): Promise<void> {
    await this.query(
      `INSERT INTO rearrangement_registry_change (plan_id, change) VALUES ($1, $2::jsonb) ON CONFLICT (plan_id) DO NOTHING`,
      [planId, JSON.stringify(applied)],
    );
  }

  async appliedOf(planId: string): Promise<AppliedRegistryChange | null> {
    const [row] = await this.query<{ change: AppliedRegistryChange }>(`SELECT change FROM rearrangement_registry_change WHERE plan_id = $1`, [planId]);
    return row?.change ?? null;
  }

  async forgetApplied(planId: string): Promise<void> {
    await this.query(`DELETE FROM rearrangement_registry_change WHERE plan_id = $1`, [planId]);
  }
}
