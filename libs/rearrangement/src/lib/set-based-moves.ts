import { movedIdsDigest, type UnitMoveMessage } from '@xaso/contracts';
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
 * A pick: the FROM items joined to the record `r` (parameters from $4 on; $1 plan, $2 record type
 * and $3 batch are the log's), the condition, and what a picked record's source, target and rule are.
 */
interface Pick {
  from: string;
  where: string;
  source: string;
  target: string;
  rule: string;
  params: unknown[];
}

/**
 * By mapping: whole unit (village null) or the village the record names. A nested loop over the
 * mapping probing the unit column: the move log probe (`notMovedYet`, a subplan) would run for
 * every record a scan of the whole table read, which keeps the planner off that plan. (The sources
 * once repeated as `= ANY($4)` for the same end cost every probe a pass over the 200 codes.)
 */
const byMapping = (spec: MovableRecords, mapping: readonly MappingRow[]): Pick => ({
  from: `unnest($4::text[], $5::text[], $6::text[]) AS m(source, village, target)`,
  where: `r.${spec.unitColumn} = m.source AND ${villageMatch(spec)} AND (${spec.open}) AND ${notMovedYet(spec)}`,
  source: 'm.source',
  target: 'm.target',
  rule: `CASE WHEN m.village IS NULL THEN 'unit' ELSE 'village' END`,
  params: columns(mapping),
});

/**
 * By address: a divided source's open record that names no village goes to the one target whose
 * village names (word keys) appear as whole words in its address; several targets → none (review).
 */
const byAddress = (spec: MovableRecords, keys: readonly AddressKeyRow[]): Pick => ({
  from: `(SELECT a.record_id, a.source, min(m.target) AS target
            FROM (SELECT r.${spec.idColumn}::text AS record_id, r.${spec.unitColumn} AS source, ' ' || rearrangement_word_key(${spec.address}) || ' ' AS words
                    FROM ${spec.table} r
                   WHERE r.${spec.unitColumn} = ANY($4::text[]) AND (${spec.open}) AND ${notMovedYet(spec)}
                     AND ${spec.village ? `NULLIF(${spec.village}, '') IS NULL` : 'true'} AND ${spec.address} IS NOT NULL) a
            JOIN unnest($4::text[], $5::text[], $6::text[]) AS m(source, word_key, target)
              ON m.source = a.source AND strpos(a.words, ' ' || m.word_key || ' ') > 0
           GROUP BY a.record_id, a.source
          HAVING count(DISTINCT m.target) = 1) p`,
  where: `r.${spec.idColumn}::text = p.record_id AND r.${spec.unitColumn} = p.source AND (${spec.open})`,
  source: 'p.source',
  target: 'p.target',
  rule: `'address'`,
  params: [keys.map((k) => k.source), keys.map((k) => k.key), keys.map((k) => k.target)],
});

/** By id: records an officer assigned from the review queue. */
const byIds = (spec: MovableRecords, items: readonly { recordId: string; sourceCode: string; targetCode: string }[]): Pick => ({
  from: `unnest($4::text[], $5::text[], $6::text[]) AS m(record_id, source, target)`,
  where: `r.${spec.idColumn}::text = m.record_id AND r.${spec.unitColumn} = m.source AND (${spec.open}) AND ${notMovedYet(spec)}`,
  source: 'm.source',
  target: 'm.target',
  rule: `'review'`,
  params: [items.map((i) => i.recordId), items.map((i) => i.sourceCode), items.map((i) => i.targetCode)],
});

/** A pick as a query of `(record_id, source, target, rule)`, one row per record (a record two mapping rows match counts once). */
const pickedSql = (spec: MovableRecords, pick: Pick) => `
  SELECT DISTINCT ON (r.${spec.idColumn}) r.${spec.idColumn}::text AS record_id, ${pick.source} AS source, ${pick.target} AS target, ${pick.rule} AS rule
    FROM ${spec.table} r, ${pick.from}
   WHERE ${pick.where}
   ORDER BY r.${spec.idColumn}`;

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

/**
 * A service's own rows for every record a statement moved, written by that same statement: SQL
 * reading the CTE `moved` (`record_id`, `from_code`, `to_code`, `rule` and the spec's
 * `movedColumns`), e.g. an `INSERT … SELECT … FROM moved`. `param` adds a parameter and returns
 * its placeholder; `$1` is the plan id.
 */
export type AlsoOnMove = (param: (value: unknown) => string) => string;

/** `ctes` (one of them `moved`), the service's own rows as the CTE `also`, then `select`; parameters `also` adds come after `params`. */
function withMoved(ctes: readonly string[], also: AlsoOnMove | undefined, params: readonly unknown[], select: string): { sql: string; params: unknown[] } {
  const all = [...params];
  const extra = also?.((value) => `$${all.push(value)}`);
  return { sql: `WITH ${[...ctes, ...(extra ? [`also AS (${extra})`] : [])].join(',\n')}\n${select}`, params: all };
}

const returning = (spec: MovableRecords, from: string, to: string, rule: string) =>
  `RETURNING r.${spec.idColumn}::text AS record_id, ${from} AS from_code, ${to} AS to_code, ${rule} AS rule${spec.movedColumns ? `, ${spec.movedColumns}` : ''}`;

/** What a move statement moved from a source to a target: how many, by which rule, and the ids (unsorted). */
export interface MovedNow {
  source: string;
  target: string;
  moved: number;
  byVillage: number;
  byAddress: number;
  ids: string[];
}

/**
 * ONE statement: re-point the picked records (`UPDATE … FROM` the pick, as a bare move would),
 * log each of them and write the service's own rows from the same `RETURNING`. The log's primary
 * key is the last word on "at most once per plan": a record the log already holds (only a concurrent
 * run of the same step can bring one) fails the step rather than moving twice.
 */
async function movePicked(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string, pick: Pick, also?: AlsoOnMove): Promise<MovedNow[]> {
  const statement = withMoved(
    [
      `moved AS (UPDATE ${spec.table} r SET ${spec.repoint(pick.target, pick.source)} FROM ${pick.from} WHERE ${pick.where} ${returning(spec, pick.source, pick.target, pick.rule)})`,
      `logged AS (${logSql('SELECT record_id, from_code AS source, to_code AS target, rule FROM moved')})`,
    ],
    also,
    [planId, spec.recordType, batchId, ...pick.params],
    `SELECT from_code AS source, to_code AS target, count(*)::int AS moved,
            count(*) FILTER (WHERE rule = 'village')::int AS "byVillage", count(*) FILTER (WHERE rule = 'address')::int AS "byAddress",
            array_agg(record_id) AS ids, (SELECT count(*) FROM logged)::int AS logged
       FROM moved GROUP BY 1, 2`,
  );
  const rows: (MovedNow & { logged: number })[] = await q.query(statement.sql, statement.params);
  const moved = rows.reduce((n, r) => n + r.moved, 0);
  if (rows.length && rows[0].logged !== moved) {
    throw Object.assign(new Error(`${spec.recordType}: ${moved - rows[0].logged} records already logged as moved by plan ${planId} (a concurrent run); not moved twice`), {
      code: 'REARRANGEMENT_CONCURRENT_MOVE',
    });
  }
  return rows.map(({ logged: _, ...r }) => r);
}

/**
 * What one batch's statements moved, per (source, target), as the reply reports it: the ids sorted
 * and their SHA-256 as merger computes it (`movedIdsDigest`), the ids kept only `withIds`.
 */
export function batchGroups(batch: readonly MovedNow[], withIds: boolean): MovedGroup[] {
  const groups = new Map<string, MovedNow>();
  for (const m of batch) {
    const key = `${m.source}\n${m.target}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { ...m, ids: [...m.ids] });
    else Object.assign(g, { moved: g.moved + m.moved, byVillage: g.byVillage + m.byVillage, byAddress: g.byAddress + m.byAddress, ids: [...g.ids, ...m.ids] });
  }
  return [...groups.values()].map((g) => {
    const ids = [...g.ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { source: g.source, target: g.target, moved: g.moved, byVillage: g.byVillage, byAddress: g.byAddress, digest: movedIdsDigest(ids), ids: withIds ? ids : null };
  });
}

/** What a batch moved per source. */
export function movedPerSource(batch: readonly MovedNow[]): Map<string, number> {
  const bySource = new Map<string, number>();
  for (const m of batch) bySource.set(m.source, (bySource.get(m.source) ?? 0) + m.moved);
  return bySource;
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

/** The ledger's counts per unit, and the units whose row this call wrote (the step's first run for them). */
export interface Ledger {
  counts: Map<string, SourceCounts>;
  written: Set<string>;
}

/**
 * The ledger row per (plan, step, unit, record type): written when the step first runs for a unit
 * with `counts` (those of that moment), kept on every later run. The rows already there are read
 * only when the insert did not write them all (a later run); a row a concurrent run wrote
 * meanwhile is read again after.
 */
export async function keepLedger(q: SqlRunner, spec: MovableRecords, planId: string, step: string, sources: readonly string[], counts: Map<string, SourceCounts>): Promise<Ledger> {
  const of = (code: string) => counts.get(code) ?? { before: 0, carriedOver: 0 };
  const units = [...new Set(sources)];
  type Row = { unit_code: string; before: number; carried_over: number; written?: boolean };
  const rows: Row[] = await q.query(
    `WITH written AS (
       INSERT INTO rearrangement_ledger (plan_id, step, unit_code, record_type, before, carried_over)
       SELECT $1, $4, s.code, $2, s.before, s.carried_over FROM unnest($3::text[], $5::int[], $6::int[]) AS s(code, before, carried_over)
       ON CONFLICT DO NOTHING
       RETURNING unit_code, before, carried_over)
     SELECT unit_code, before, carried_over, true AS written FROM written
     UNION ALL
     SELECT l.unit_code, l.before, l.carried_over, false FROM rearrangement_ledger l
      WHERE l.plan_id = $1 AND l.step = $4 AND l.unit_code = ANY($3::text[]) AND l.record_type = $2
        AND (SELECT count(*) FROM written) < cardinality($3::text[])`,
    [planId, spec.recordType, units, step, units.map((c) => of(c).before), units.map((c) => of(c).carriedOver)],
  );
  const found = new Set(rows.map((r) => r.unit_code));
  const missing = units.filter((c) => !found.has(c));
  if (missing.length) {
    rows.push(...((await q.query(
      `SELECT l.unit_code, l.before, l.carried_over FROM unnest($3::text[]) AS s(code)
         JOIN rearrangement_ledger l ON l.plan_id = $1 AND l.step = $4 AND l.unit_code = s.code AND l.record_type = $2`,
      [planId, spec.recordType, missing, step],
    )) as Row[]));
  }
  return {
    counts: new Map(rows.map((r) => [r.unit_code, { before: r.before, carriedOver: r.carried_over }])),
    written: new Set(rows.filter((r) => r.written).map((r) => r.unit_code)),
  };
}

/** The ledger's counts for `sources`, counted now where the step had not run for a unit yet. */
export async function ledgerCounts(q: SqlRunner, spec: MovableRecords, planId: string, step: string, sources: readonly string[]): Promise<Map<string, SourceCounts>> {
  return (await keepLedger(q, spec, planId, step, sources, await countAtSources(q, spec, planId, sources))).counts;
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
    const sql = `SELECT source, target, rule, count(*)::int AS n FROM (${pickedSql(spec, pick)}) p WHERE $3::uuid IS NULL GROUP BY 1, 2, 3`;
    out.push(...(await q.query(sql, [planId, spec.recordType, null, ...pick.params])));
  }
  return out;
}

/** Moves the mapping's records (whole unit or by village) in one statement. */
export async function moveByMapping(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string, mapping: readonly MappingRow[], also?: AlsoOnMove): Promise<MovedNow[]> {
  return mapping.length ? movePicked(q, spec, planId, batchId, byMapping(spec, mapping), also) : [];
}

/** Moves a divided source's records that name no village by their address, in one statement. */
export async function moveByAddress(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string, keys: readonly AddressKeyRow[], also?: AlsoOnMove): Promise<MovedNow[]> {
  return spec.address && keys.length ? movePicked(q, spec, planId, batchId, byAddress(spec, keys), also) : [];
}

/** Moves the named records (reviewed by an officer) to the chosen target, once per plan. */
export async function moveByIds(
  q: SqlRunner,
  spec: MovableRecords,
  planId: string,
  batchId: string,
  items: readonly { recordId: string; sourceCode: string; targetCode: string }[],
  also?: AlsoOnMove,
): Promise<MovedNow[]> {
  return items.length ? movePicked(q, spec, planId, batchId, byIds(spec, items), also) : [];
}

/** Compensation: every record the plan moved (and not yet moved back) is re-pointed to its source, in one statement. */
export async function moveBack(q: SqlRunner, spec: MovableRecords, planId: string, batchId: string, also?: AlsoOnMove): Promise<{ source: string; target: string; n: number }[]> {
  const statement = withMoved(
    [
      `back AS (
         UPDATE rearrangement_move SET compensated_at = now(), compensation_batch_id = $3::uuid
          WHERE plan_id = $1 AND record_type = $2 AND compensated_at IS NULL
         RETURNING record_id, source_code, target_code, rule)`,
      `moved AS (
         UPDATE ${spec.table} r SET ${spec.repoint('back.source_code', 'back.target_code')}
           FROM back WHERE r.${spec.idColumn}::text = back.record_id
         ${returning(spec, 'back.target_code', 'back.source_code', 'back.rule')})`,
    ],
    also,
    [planId, spec.recordType, batchId],
    `SELECT source_code AS source, target_code AS target, count(*)::int AS n FROM back GROUP BY 1, 2`,
  );
  const back: { source: string; target: string; n: number }[] = await q.query(statement.sql, statement.params);
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

/**
 * What the plan moved (and did not move back) from `sources`, per target, with the SHA-256 over
 * the sorted ids: all the plan's log rows of the record type are read (there is no index by
 * source, which every logged record would pay for), so only a step run again asks.
 */
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

/**
 * Of the named records, those the plan moved (and did not move back), per (source, target), the
 * ids sorted: each read by the log's whole key.
 */
export async function movedAmong(q: SqlRunner, spec: MovableRecords, planId: string, ids: readonly string[]): Promise<{ source: string; target: string; ids: string[] }[]> {
  const rows: { source: string; target: string; ids: string[] }[] = await q.query(
    `SELECT x.source_code AS source, x.target_code AS target, array_agg(x.record_id ORDER BY x.record_id COLLATE "C") AS ids
       FROM unnest($3::text[]) AS i(id)
       CROSS JOIN LATERAL (SELECT m.source_code, m.target_code, m.record_id FROM rearrangement_move m
                            WHERE m.plan_id = $1 AND m.record_type = $2 AND m.record_id = i.id AND m.compensated_at IS NULL OFFSET 0) x
      GROUP BY 1, 2`,
    [planId, spec.recordType, [...new Set(ids)]],
  );
  return rows;
}

/** What is at a source after a move: its open records the plan has not moved (the review queue of a divided source) and how many closed ones stay. */
export interface AtSource {
  left: { recordId: string; label: string | null }[];
  carriedOver: number;
}

/**
 * Per source, in one pass over its records: the open ones not moved by the plan (sorted by id,
 * with their label) and the count of those that stay (closed). The flag is computed once per
 * record (`OFFSET 0`: pulled up, both aggregates would probe the move log).
 */
export async function atSources(q: SqlRunner, spec: MovableRecords, planId: string, sources: readonly string[]): Promise<Map<string, AtSource>> {
  if (!sources.length) return new Map();
  const rows: { source: string; closed: number; ids: string[] | null; labels: (string | null)[] | null }[] = await q.query(
    `SELECT source, count(*) FILTER (WHERE closed)::int AS closed,
            array_agg(record_id ORDER BY record_id) FILTER (WHERE left_open) AS ids,
            array_agg(label ORDER BY record_id) FILTER (WHERE left_open) AS labels
       FROM (SELECT r.${spec.unitColumn} AS source, r.${spec.idColumn}::text AS record_id, ${spec.label ?? 'NULL'}::text AS label,
                    (${spec.open}) AND ${notMovedYet(spec)} AS left_open, COALESCE(${spec.carriedOver ?? 'false'}, false) AS closed
               FROM ${spec.table} r
              WHERE r.${spec.unitColumn} = ANY($3::text[]) OFFSET 0) s
      GROUP BY 1`,
    [planId, spec.recordType, sources],
  );
  return new Map(
    rows.map((r) => [r.source, { carriedOver: r.closed, left: (r.ids ?? []).map((recordId, i) => ({ recordId, label: r.labels?.[i] ?? null })) }]),
  );
}
