import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UnitProvinces } from '@xaso/auth';
import { managerFor, ReferenceCache } from '@xaso/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitCandidates } from './unit-resolution';

/** YYYY-MM-DD. */
export type IsoDate = string;

/** One unit version as the replica knows it. */
export interface ReplicaUnit {
  code: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  name: string;
  /** PROVINCE, DISTRICT, COMMUNE or VILLAGE. */
  level: string;
  type: string | null;
  parentCode: string | null;
  parentValidFrom: IsoDate | null;
}

/** What `upsert` takes: a unit version (missing dates: valid from 2025-07-01, open end) and optionally its successor links. */
export interface ReplicaUnitInput {
  code: string;
  validFrom?: IsoDate;
  validTo?: IsoDate | null;
  name: string;
  level: string;
  type?: string | null;
  parentCode?: string | null;
  parentValidFrom?: IsoDate | null;
  /** When given, replaces the unit's outgoing successor links. */
  successors?: { code: string; validFrom: IsoDate; divided: boolean }[];
}

/** See `UnitReplica.progress()`. */
export interface ReplicaProgress {
  units: number;
  announced: number | null;
}

/** The replica holds every unit version merger-service announced (and it announced some). */
export function replicaIsFilled(progress: ReplicaProgress): boolean {
  return progress.announced !== null && progress.announced > 0 && progress.units >= progress.announced;
}

/** Records merger-service's announcement of its registry's size (in the handler's transaction). */
export async function recordAnnouncedUnits(manager: EntityManager, announced: number, importId: string): Promise<void> {
  await manager.query(
    `INSERT INTO admin_unit_replica_state (id, announced_units, import_id, announced_at) VALUES (true, $1, $2, now())
     ON CONFLICT (id) DO UPDATE SET announced_units = EXCLUDED.announced_units, import_id = EXCLUDED.import_id, announced_at = now()`,
    [announced, importId],
  );
}

const DEFAULT_VALID_FROM = '2025-07-01';
const UNIT_COLUMNS = (a: string) => `${a}.code, ${a}.valid_from::text AS "validFrom", ${a}.valid_to::text AS "validTo", ${a}.name,
  ${a}.level, ${a}.type, ${a}.parent_code AS "parentCode", ${a}.parent_valid_from::text AS "parentValidFrom"`;
const IN_FORCE = (a: string, day: string) => `${a}.valid_from <= ${day} AND (${a}.valid_to IS NULL OR ${a}.valid_to >= ${day})`;

/** Deletes unit versions and every link to or from them (a rearrangement's compensation), set-based. */
/**
 * The units in force by (code, date), remembered a few seconds per database: every submission
 * resolves its units. Only units found in force are remembered; the replica's writers below drop them.
 */
const inForceCaches = new WeakMap<DataSource, ReferenceCache<UnitCandidates>>();

function inForceCache(dataSource: DataSource): ReferenceCache<UnitCandidates> {
  let cache = inForceCaches.get(dataSource);
  if (!cache) {
    cache = new ReferenceCache<UnitCandidates>(dataSource, {
      copy: (c) => ({ inForce: c.inForce && { ...c.inForce }, ended: c.ended && { ...c.ended }, successors: c.successors.map((u) => ({ ...u })) }),
      remember: (c) => c.inForce !== null,
    });
    inForceCaches.set(dataSource, cache);
  }
  return cache;
}

export async function deleteReplicaUnits(manager: EntityManager, keys: { code: string; validFrom: IsoDate }[]): Promise<void> {
  inForceCache(manager.connection).invalidate();
  if (keys.length === 0) return;
  const params = [keys.map((k) => k.code), keys.map((k) => k.validFrom)];
  await manager.query(
    `DELETE FROM admin_unit_replica_link l USING unnest($1::text[], $2::date[]) AS k(code, valid_from)
     WHERE (l.from_code = k.code AND l.from_valid_from = k.valid_from) OR (l.to_code = k.code AND l.to_valid_from = k.valid_from)`,
    params,
  );
  await manager.query(
    `DELETE FROM admin_unit_replica u USING unnest($1::text[], $2::date[]) AS k(code, valid_from)
     WHERE u.code = k.code AND u.valid_from = k.valid_from`,
    params,
  );
}

/**
 * Writes units set-based: one INSERT … SELECT FROM unnest(arrays) ON CONFLICT for the units, one
 * DELETE + one INSERT for the successor links of the units that carry them. Runs on `manager`
 * (an event handler's transaction, so the inbox row and the writes commit together).
 */
export async function upsertReplicaUnits(manager: EntityManager, input: ReplicaUnitInput[]): Promise<void> {
  inForceCache(manager.connection).invalidate();
  // One row per key (the last wins): ON CONFLICT DO UPDATE cannot touch a row twice in a statement.
  const byKey = new Map<string, ReplicaUnitInput & { validFrom: IsoDate }>();
  for (const unit of input) {
    const validFrom = unit.validFrom ?? DEFAULT_VALID_FROM;
    byKey.set(`${unit.code}@${validFrom}`, { ...unit, validFrom });
  }
  const units = [...byKey.values()];
  if (units.length === 0) return;
  await manager.query(
    `INSERT INTO admin_unit_replica (code, valid_from, valid_to, name, level, type, parent_code, parent_valid_from)
     SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[])
     ON CONFLICT (code, valid_from) DO UPDATE SET
       valid_to = EXCLUDED.valid_to, name = EXCLUDED.name, level = EXCLUDED.level, type = EXCLUDED.type,
       parent_code = EXCLUDED.parent_code, parent_valid_from = EXCLUDED.parent_valid_from
     WHERE (admin_unit_replica.valid_to, admin_unit_replica.name, admin_unit_replica.level, admin_unit_replica.type,
            admin_unit_replica.parent_code, admin_unit_replica.parent_valid_from)
       IS DISTINCT FROM (EXCLUDED.valid_to, EXCLUDED.name, EXCLUDED.level, EXCLUDED.type, EXCLUDED.parent_code, EXCLUDED.parent_valid_from)`,
    [
      units.map((u) => u.code),
      units.map((u) => u.validFrom),
      units.map((u) => u.validTo ?? null),
      units.map((u) => u.name),
      units.map((u) => u.level.toUpperCase()),
      units.map((u) => u.type ?? null),
      units.map((u) => u.parentCode ?? null),
      units.map((u) => (u.parentCode ? (u.parentValidFrom ?? null) : null)),
    ],
  );
  const withLinks = units.filter((u) => u.successors !== undefined);
  if (withLinks.length === 0) return;
  await manager.query(
    `DELETE FROM admin_unit_replica_link l USING unnest($1::text[], $2::date[]) AS k(code, valid_from)
     WHERE l.from_code = k.code AND l.from_valid_from = k.valid_from`,
    [withLinks.map((u) => u.code), withLinks.map((u) => u.validFrom)],
  );
  const links = withLinks.flatMap((u) => (u.successors ?? []).map((s) => ({ from: u, to: s })));
  if (links.length === 0) return;
  await manager.query(
    `INSERT INTO admin_unit_replica_link (from_code, from_valid_from, to_code, to_valid_from, divided)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::date[], $5::boolean[])
     ON CONFLICT (from_code, from_valid_from, to_code, to_valid_from) DO UPDATE SET divided = EXCLUDED.divided`,
    [
      links.map((l) => l.from.code),
      links.map((l) => l.from.validFrom),
      links.map((l) => l.to.code),
      links.map((l) => l.to.validFrom),
      links.map((l) => l.to.divided),
    ],
  );
}

/**
 * Local read model of the administrative units (merger-service owns them), filled from
 * `admin-units.upserted` / `admin-unit.created` / `village.created` events by `UnitReplicaHandlers`.
 * A code names a unit only together with a date: every lookup takes `asOf` (default: today in Vietnam).
 * Joins the ambient transaction (`managerFor`).
 */
@Injectable()
export class UnitReplica implements UnitProvinces {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return managerFor(this.dataSource).query(sql, params);
  }

  /** Records units directly (tests, seeds); same write path as the event handlers. */
  async upsert(units: ReplicaUnitInput | ReplicaUnitInput[]): Promise<void> {
    await upsertReplicaUnits(managerFor(this.dataSource), Array.isArray(units) ? units : [units]);
  }

  /** True until the first unit arrived (callers then accept unit codes as given). */
  async isEmpty(): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM admin_unit_replica LIMIT 1');
    return rows.length === 0;
  }

  /**
   * How far the replica is: the unit versions it holds and how many merger-service announced with
   * its last import (`null` before any announcement reached it). Ready when `units >= announced`.
   */
  async progress(): Promise<ReplicaProgress> {
    const [row] = await this.query<ReplicaProgress>(
      `SELECT (SELECT count(*)::int FROM admin_unit_replica) AS units,
              (SELECT announced_units FROM admin_unit_replica_state) AS announced`,
    );
    return { units: row.units, announced: row.announced ?? null };
  }

  async count(): Promise<number> {
    const [row] = await this.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_unit_replica');
    return row.n;
  }

  /** The version of `code` in force on `asOf`, or null. */
  async find(code: string, asOf: IsoDate = todayInVietnam()): Promise<ReplicaUnit | null> {
    const [row] = await this.query<ReplicaUnit>(
      `SELECT ${UNIT_COLUMNS('u')} FROM admin_unit_replica u WHERE u.code = $1 AND ${IN_FORCE('u', '$2::date')}
       ORDER BY u.valid_from DESC LIMIT 1`,
      [code, asOf],
    );
    return row ?? null;
  }

  async exists(code: string, asOf: IsoDate = todayInVietnam()): Promise<boolean> {
    return (await this.find(code, asOf)) !== null;
  }

  /**
   * Province code of the unit `code` names on `asOf`: the top of its parent chain (a province is its
   * own province; a 2025 commune's parent, a legacy commune's grandparent). A code that names
   * nothing on `asOf` but named a unit before (an old code) answers with the province of its
   * successor(s) in force on `asOf`. undefined when the replica does not know the code.
   */
  async provinceOf(code: string, asOf: IsoDate = todayInVietnam()): Promise<string | undefined> {
    const rows = await this.query<{ province: string }>(
      `WITH RECURSIVE chain(code, valid_from, parent_code, parent_valid_from, depth) AS (
         SELECT u.code, u.valid_from, u.parent_code, u.parent_valid_from, 0
         FROM (SELECT * FROM admin_unit_replica u WHERE u.code = $1 AND ${IN_FORCE('u', '$2::date')} ORDER BY u.valid_from DESC LIMIT 1) u
         UNION ALL
         SELECT p.code, p.valid_from, p.parent_code, p.parent_valid_from, c.depth + 1
         FROM chain c
         JOIN LATERAL (
           SELECT * FROM admin_unit_replica p
           WHERE p.code = c.parent_code
             AND (p.valid_from = c.parent_valid_from OR (c.parent_valid_from IS NULL AND ${IN_FORCE('p', '$2::date')}))
           ORDER BY p.valid_from DESC LIMIT 1
         ) p ON true
         WHERE c.depth < 6
       )
       SELECT code AS province FROM chain WHERE parent_code IS NULL ORDER BY depth DESC LIMIT 1`,
      [code, asOf],
    );
    if (rows[0]) return rows[0].province;
    if (await this.find(code, asOf)) return undefined; // known, but its chain is incomplete (events still arriving)
    for (const successor of await this.currentUnitsFor(code, asOf, asOf, { latestIfNotInForce: true })) {
      const province = await this.provinceOf(successor.code, asOf);
      if (province) return province;
    }
    return undefined;
  }

  /** What the rule of `resolveUnitOnDate` needs about `code` on `date`: its version in force, else the one that ended and its successors. */
  candidatesFor(code: string, date: IsoDate): Promise<UnitCandidates> {
    return inForceCache(this.dataSource).get(`${code}|${date}`, () => this.lookUpCandidates(code, date));
  }

  private async lookUpCandidates(code: string, date: IsoDate): Promise<UnitCandidates> {
    const inForce = await this.find(code, date);
    if (inForce) return { inForce, ended: null, successors: [] };
    const [ended] = await this.query<ReplicaUnit>(
      `SELECT ${UNIT_COLUMNS('u')} FROM admin_unit_replica u WHERE u.code = $1 AND u.valid_from <= $2::date
       ORDER BY u.valid_from DESC LIMIT 1`,
      [code, date],
    );
    if (!ended) return { inForce: null, ended: null, successors: [] };
    return { inForce: null, ended, successors: await this.currentUnitsFor(code, date, date, { latestIfNotInForce: true }) };
  }

  /**
   * The unit(s) in force on `today` that the unit `code` named on `asOf` became, following
   * successor links (itself when still in force; several when it was divided).
   */
  async currentUnitsFor(
    code: string,
    asOf: IsoDate,
    today: IsoDate = todayInVietnam(),
    options: { latestIfNotInForce?: boolean } = {},
  ): Promise<ReplicaUnit[]> {
    const start = options.latestIfNotInForce
      ? `SELECT u.code, u.valid_from FROM admin_unit_replica u WHERE u.code = $1 AND u.valid_from <= $2::date
         ORDER BY u.valid_from DESC LIMIT 1`
      : `SELECT u.code, u.valid_from FROM admin_unit_replica u WHERE u.code = $1 AND ${IN_FORCE('u', '$2::date')}`;
    return this.query<ReplicaUnit>(
      `WITH RECURSIVE walk(code, valid_from, depth) AS (
         SELECT s.code, s.valid_from, 0 FROM (${start}) s
         UNION
         SELECT l.to_code, l.to_valid_from, w.depth + 1
         FROM walk w
         JOIN admin_unit_replica cur ON cur.code = w.code AND cur.valid_from = w.valid_from
         JOIN admin_unit_replica_link l ON l.from_code = w.code AND l.from_valid_from = w.valid_from
         WHERE NOT (${IN_FORCE('cur', '$3::date')}) AND w.depth < 32
       )
       SELECT DISTINCT ${UNIT_COLUMNS('u')} FROM walk w
       JOIN admin_unit_replica u ON u.code = w.code AND u.valid_from = w.valid_from
       WHERE ${IN_FORCE('u', '$3::date')}
       ORDER BY u.code`,
      [code, asOf, today],
    );
  }
}
