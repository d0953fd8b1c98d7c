import type { UnitMoveMessage } from '@xaso/contracts';
import type { AddressKeyRow } from './address-keys';
import type { MappingRow, MovableRecords } from './movable-records';


/** What the set-based moves need of a connection: TypeORM's `EntityManager.query` (the step's transaction). */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's EntityManager.query returns any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * One mapping row per (source, village, target): a merged or renamed source moves whole
 * (village null); a divided source moves by the villages each target receives; its other records go
 * to review.
 */
export function mappingOf(moves: readonly UnitMoveMessage[]): MappingRow[] {
  const rows: MappingRow[] = [];
  for (const move of moves) {
    if (!move.divided && move.targets.length === 1) {
      rows.push({ source: move.sourceCode, village: null, target: move.targets[0].code });
      continue;
    }
    for (const target of move.targets) {
      for (const village of target.villageCodes ?? []) rows.push({ source: move.sourceCode, village, target: target.code });
    }
  }
  return rows;
}

const columns = (mapping: readonly MappingRow[]) => [mapping.map((m) => m.source), mapping.map((m) => m.village), mapping.map((m) => m.target)];

/**
 * Not yet moved by this plan (a record moved into a source whose code another target reuses stays where it went).
 * `OFFSET 0` keeps it a per-record primary-key probe: pulled up into an anti-join (or hashed), it read every
 * row the plan had logged so far in each chunk, and the planner's estimate of the log is stale while a plan runs.
 */
const notMovedYet = (spec: MovableRecords) =>
  `NOT EXISTS (SELECT 1 FROM rearrangement_move x WHERE x.plan_id = $1 AND x.record_type = $2 AND x.record_id = r.${spec.idColumn}::text AND x.compensated_at IS NULL OFFSET 0)`;

const villageMatch = (spec: MovableRecords) => (spec.village ? `(m.village IS NULL OR m.village = (${spec.village}))` : `m.village IS NULL`);

/** The rule a logged move went by. */
export type MoveRule = 'unit' | 'village' | 'address' | 'review';

/**
 * A pick: SQL selecting `(record_id, source, target, rule)` with parameters from $4 on ($1 plan,
 * $2 record type and $3 batch are the log's), and those parameters.
 */
interface Pick {
  sql: string;
  params: unknown[];
}

/**
 * By mapping: whole unit (village null) or the village the record names. The sources repeated as
 * `= ANY($4)` give the planner an index condition on the unit column (it hash-joined a scan of the
 * whole table per chunk).
 */
const byMapping = (spec: MovableRecords, mapping: readonly MappingRow[]): Pick => ({
  sql: `
  SELECT DISTINCT ON (r.${spec.idColumn}) r.${spec.idColumn}::text AS record_id, m.source, m.target,
         CASE WHEN m.village IS NULL THEN 'unit' ELSE 'village' END AS rule
    FROM unnest($4::text[], $5::text[], $6::text[]) AS m(source, village, target)
    JOIN ${spec.table} r ON r.${spec.unitColumn} = m.source AND ${villageMatch(spec)}
   WHERE r.${spec.unitColumn} = ANY($4::text[]) AND (${spec.open}) AND ${notMovedYet(spec)}
   ORDER BY r.${spec.idColumn}, m.village NULLS LAST`,
  params: columns(mapping),
});

/**
 * By address: a divided source's open record that names no village goes to the one target whose
 * village names (word keys) appear as whole words in its address; several targets → none (review).
 */
const byAddress = (spec: MovableRecords, keys: readonly AddressKeyRow[]): Pick => ({
  sql: `
  SELECT a.record_id, a.source, min(m.target) AS target, 'address' AS rule
    FROM (SELECT r.${spec.idColumn}::text AS record_id, r.${spec.unitColumn} AS source, ' ' || rearrangement_word_key(${spec.address}) || ' ' AS words
            FROM ${spec.table} r
           WHERE r.${spec.unitColumn} = ANY($4::text[]) AND (${spec.open}) AND ${notMovedYet(spec)}
             AND ${spec.village ? `NULLIF(${spec.village}, '') IS NULL` : 'true'} AND ${spec.address} IS NOT NULL) a
    JOIN unnest($4::text[], $5::text[], $6::text[]) AS m(source, word_key, target)
      ON m.source = a.source AND strpos(a.words, ' ' || m.word_key || ' ') > 0
   GROUP BY a.record_id, a.source
  HAVING count(DISTINCT m.target) = 1`,
  params: [keys.map((k) => k.source), keys.map((k) => k.key), keys.map((k) => k.target)],
});

/** By id: records an officer assigned from the review queue. */
const byIds = (spec: MovableRecords, items: readonly { recordId: string; sourceCode: string; targetCode: string }[]): Pick => ({
  sql: `
  SELECT r.${spec.idColumn}::text AS record_id, m.source, m.target, 'review' AS rule
    FROM unnest($4::text[], $5::text[], $6::text[]) AS m(record_id, source, target)
    JOIN ${spec.table} r ON r.${spec.idColumn}::text = m.record_id AND r.${spec.unitColumn} = m.source
   WHERE (${spec.open}) AND ${notMovedYet(spec)}`,
  params: [items.map((i) => i.recordId), items.map((i) => i.sourceCode), items.map((i) => i.targetCode)],
});

/**
 * The move-log INSERT of a pick, at most once per plan and record (a record moved back may move
 * again), RETURNING what it logged. $1 plan, $2 record type, $3 batch.
 */
const logSql = (picked: string) => `
  INSERT INTO rearrangement_move (plan_id, record_type, record_id, source_code, target_code, rule, batch_id)
  SELECT $1, $2, p.record_id, p.source, p.target, p.rule, $3::uuid FROM (${picked}) p
  ON CONFLICT (plan_id, record_type, record_id) DO UPDATE SET source_code = EXCLUDED.source_code, target_code = EXCLUDED.target_code,
    rule = EXCLUDED.rule, batch_id = EXCLUDED.batch_id, moved_at = now(), compensated_at = NULL, compensation_batch_id = NULL
    WHERE rearrangement_move.compensated_at IS NOT NULL
  RETURNING record_id, source_code, target_code`;

/**
 * Logs records as moved by the plan without touching them (a participant whose "move" is of its
 * own kind, e.g. evaluation combining assessments). `picked` selects `(record_id, source, target,
 * rule)`; its parameters start at $4. Returns how many were logged.
 */
export async function logMoves(q: SqlRunner, planId: string, recordType: string, batchId: string, picked: string, params: readonly unknown[]): Promise<number> {
  const rows: { n: number }[] = await q.query(`WITH logged AS (${logSql(picked)}) SELECT count(*)::int AS n FROM logged`, [planId, recordType, batchId, ...params]);
  return rows[0]?.n ?? 0;
}

/** ONE statement: pick, log, re-point (`UPDATE … FROM` the logged rows). Returns how many moved. */
async function movePicked(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string, pick: Pick): Promise<number> {
  const rows: { n: number }[] = await q.query(
    `WITH logged AS (${logSql(pick.sql)}),
          moved AS (
            UPDATE ${spec.table} r SET ${spec.repoint('logged.target_code', 'logged.source_code')}
              FROM logged WHERE r.${spec.idColumn}::text = logged.record_id
            RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
    [planId, spec.recordType, batchId, ...pick.params],
  );
  return rows[0]?.n ?? 0;
}

export interface SourceCounts {
  before: number;
  carriedOver: number;
}

const countsSql = (spec: MovableRecords) => `
  SELECT r.${spec.unitColumn} AS code,
         count(*) FILTER (WHERE (${spec.open}) AND ${notMovedYet(spec)})::int AS open,
         count(*) FILTER (WHERE ${spec.carriedOver ?? 'false'})::int AS closed
    FROM ${spec.table} r WHERE r.${spec.unitColumn} = ANY($3::text[]) GROUP BY 1`;

/** Open records (not yet moved by the plan) and closed ones per source, counted now. */
export async function countAtSources(q: SqlRunner, spec: MovableRecords, planId: string, sources: readonly string[]): Promise<Map<string, SourceCounts>> {
  const rows: { code: string; open: number; closed: number }[] = await q.query(countsSql(spec), [planId, spec.recordType, sources]);
  return new Map(rows.map((r) => [r.code, { before: r.open, carriedOver: r.closed }]));
}

/**
 * The ledger row per (plan, step, unit, record type): written when the step first runs for a unit
 * (counts of that moment), kept on every later run. Returns the ledger's counts for `sources`.
 */
export async function ledgerCounts(q: SqlRunner, spec: MovableRecords, planId: string, step: string, sources: readonly string[]): Promise<Map<string, SourceCounts>> {
  await q.query(
    `INSERT INTO rearrangement_ledger (plan_id, step, unit_code, record_type, before, carried_over)
     SELECT $1, $4, s.code, $2, COALESCE(c.open, 0), COALESCE(c.closed, 0)
       FROM unnest($3::text[]) AS s(code)
       LEFT JOIN (${countsSql(spec)}) c USING (code)
     ON CONFLICT DO NOTHING`,
    [planId, spec.recordType, sources, step],
  );
  const rows: { unit_code: string; before: number; carried_over: number }[] = await q.query(
    `SELECT unit_code, before, carried_over FROM rearrangement_ledger WHERE plan_id = $1 AND record_type = $2 AND unit_code = ANY($3::text[]) AND step = $4`,
    [planId, spec.recordType, sources, step],
  );
  return new Map(rows.map((r) => [r.unit_code, { before: r.before, carriedOver: r.carried_over }]));
}

export interface WouldMove {
  source: string;
  target: string;
  rule: MoveRule;
  n: number;
}

/** Dry run: what the mapping and the address rule would move, per (source, target, rule). Writes nothing. */
export async function wouldMove(q: SqlRunner, spec: MovableRecords, planId: string, mapping: readonly MappingRow[], keys: readonly AddressKeyRow[]): Promise<WouldMove[]> {
  const picks = [mapping.length ? byMapping(spec, mapping) : null, spec.address && keys.length ? byAddress(spec, keys) : null].filter((p): p is Pick => p !== null);
  const out: WouldMove[] = [];
  // Disjoint by construction: the address rule takes only records that name no village, which a divided source's mapping never moves.
  for (const pick of picks) {
    // $3 (the log's batch) has no use in a count: typed so the statement prepares.
    const sql = `SELECT source, target, rule, count(*)::int AS n FROM (${pick.sql}) p WHERE $3::uuid IS NULL GROUP BY 1, 2, 3`;
    out.push(...(await q.query(sql, [planId, spec.recordType, null, ...pick.params])));
  }
  return out;
}

/** Moves the mapping's records (whole unit or by village) in one statement. Returns how many moved. */
export async function moveByMapping(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string, mapping: readonly MappingRow[]): Promise<number> {
  return mapping.length ? movePicked(q, spec, planId, batchId, byMapping(spec, mapping)) : 0;
}

/** Moves a divided source's records that name no village by their address, in one statement. Returns how many moved. */
export async function moveByAddress(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string, keys: readonly AddressKeyRow[]): Promise<number> {
  return spec.address && keys.length ? movePicked(q, spec, planId, batchId, byAddress(spec, keys)) : 0;
}

/** Moves the named records (reviewed by an officer) to the chosen target, once per plan. */
export async function moveByIds(
  q: SqlRunner,
  spec: MovableRecords,
  planId: string,
  batchId: string,
  items: readonly { recordId: string; sourceCode: string; targetCode: string }[],
): Promise<number> {
  return items.length ? movePicked(q, spec, planId, batchId, byIds(spec, items)) : 0;
}

/** Compensation: every record the plan moved (and not yet moved back) is re-pointed to its source, in one statement. */
export async function moveBack(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string): Promise<{ source: string; target: string; n: number }[]> {
  const back: { source: string; target: string; n: number }[] = await q.query(
    `WITH back AS (
            UPDATE rearrangement_move SET compensated_at = now(), compensation_batch_id = $3::uuid
             WHERE plan_id = $1 AND record_type = $2 AND compensated_at IS NULL
            RETURNING record_id, source_code, target_code),
          moved AS (
            UPDATE ${spec.table} r SET ${spec.repoint('back.source_code', 'back.target_code')}
              FROM back WHERE r.${spec.idColumn}::text = back.record_id
            RETURNING 1)
     SELECT source_code AS source, target_code AS target, count(*)::int AS n FROM back GROUP BY 1, 2`,
    [planId, spec.recordType, batchId],
  );
  // The plan may be applied again later: its next APPLY counts afresh.
  await q.query(`DELETE FROM rearrangement_ledger WHERE plan_id = $1 AND record_type = $2 AND step = 'APPLY'`, [planId, spec.recordType]);
  return back;
}

export interface MovedGroup {
  source: string;
  target: string;
  moved: number;
  byVillage: number;
  byAddress: number;
  digest: string;
  ids: string[] | null;
}

/** What the plan moved (and did not move back) from `sources`, per target, with the SHA-256 over the sorted ids. */
export async function movedFrom(q: SqlRunner, spec: MovableRecords, planId: string, sources: readonly string[], withIds: boolean): Promise<MovedGroup[]> {
  return q.query(
    `SELECT source_code AS source, target_code AS target, count(*)::int AS moved,
            count(*) FILTER (WHERE rule = 'village')::int AS "byVillage", count(*) FILTER (WHERE rule = 'address')::int AS "byAddress",
            encode(sha256(convert_to(string_agg(record_id, E'\\n' ORDER BY record_id COLLATE "C"), 'UTF8')), 'hex') AS digest,
            CASE WHEN $4::boolean THEN array_agg(record_id ORDER BY record_id COLLATE "C") END AS ids
       FROM rearrangement_move
      WHERE plan_id = $1 AND record_type = $2 AND source_code = ANY($3::text[]) AND compensated_at IS NULL
      GROUP BY 1, 2`,
    [planId, spec.recordType, sources, withIds],
  );
}

/** Open records still at the sources (not moved by the plan), with their label: the review queue of divided sources. */
export async function leftAtSources(
  q: SqlRunner,
  spec: MovableRecords,
  planId: string,
  sources: readonly string[],
): Promise<{ record_id: string; source: string; label: string | null }[]> {
  if (!sources.length) return [];
  return q.query(
    `SELECT r.${spec.idColumn}::text AS record_id, r.${spec.unitColumn} AS source, ${spec.label ?? 'NULL'}::text AS label
       FROM ${spec.table} r
      WHERE r.${spec.unitColumn} = ANY($3::text[]) AND (${spec.open}) AND ${notMovedYet(spec)}
      ORDER BY 1`,
    [planId, spec.recordType, sources],
  );
}
