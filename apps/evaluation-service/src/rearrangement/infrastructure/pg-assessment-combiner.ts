import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { REARRANGEMENT_REPLY_MAX_IDS, type RearrangementRow } from '@xaso/contracts';
import {
  countAtSources,
  ledgerCounts,
  logMoves,
  type MovableRecords,
  moveBack,
  movedFrom,
  RearrangementMover,
  type SourceCounts,
  type SqlRunner,
  type StepContext,
  type StepOutcome,
} from '@xaso/rearrangement';
import { ASSESSMENT_RECORD_TYPE, FACT_RECORD_TYPE, firstCombinedYear } from '../domain/combining-assessments';

/** The year's DRAFT assessments of a merged source: combined into the successor's. */
const combined = (year: number): MovableRecords => ({
  recordType: ASSESSMENT_RECORD_TYPE,
  table: 'assessment',
  // No single id column: the id is `<cycle>:<unit>` (the expression is prefixed with the alias `r.`).
  idColumn: `cycle_id::text || ':' || r.unit_code`,
  unitColumn: 'unit_code',
  // The source row keeps its unit: "moving" it is logging it as combined into the successor.
  repoint: () => `version = r.version`,
  open: `r.state = 'DRAFT' AND r.year >= ${year}`,
  carriedOver: `NOT (r.state = 'DRAFT' AND r.year >= ${year})`,
});

/** A divided source's assessments cannot be apportioned: all carried over. */
const DIVIDED: MovableRecords = { ...combined(0), open: 'false', carriedOver: 'true' };

/** Facts never move: successors read them through the successor links. */
const FACTS: MovableRecords = {
  recordType: FACT_RECORD_TYPE,
  table: 'daily_fact',
  idColumn: `unit_code || ':' || r.day::text || ':' || r.metric`,
  unitColumn: 'unit_code',
  repoint: () => `value = r.value`,
  open: 'false',
  carriedOver: 'true',
};

interface Pair {
  source: string;
  target: string;
}

/**
 * evaluation-service's participant (see `combining-assessments.ts`): set-based statements per step
 * — ensure the successors' DRAFT assessments (one INSERT … SELECT), log the combined sources in the
 * shared move log, count the rest as carried over; compensation deletes the successor drafts the
 * plan created (refusing, so the saga alerts, if one has been worked on since).
 */
@Injectable()
export class PgAssessmentCombiner extends RearrangementMover {
  /** Evaluation queues nothing for review, so there is nothing to assign. */
  protected assign(): Promise<StepOutcome> {
    return Promise.resolve({ rows: [], reviewItems: [] });
  }

  private split({ moves }: StepContext) {
    const merged = moves.filter((m) => !m.divided && m.targets.length === 1);
    const divided = moves.filter((m) => m.divided || m.targets.length !== 1);
    const pairs: Pair[] = moves.flatMap((m) => m.targets.map((t) => ({ source: m.sourceCode, target: t.code })));
    const single: Pair[] = merged.map((m) => ({ source: m.sourceCode, target: m.targets[0].code }));
    return { merged: merged.map((m) => m.sourceCode), divided: divided.map((m) => m.sourceCode), pairs, single };
  }

  protected async dryRun(context: StepContext): Promise<StepOutcome> {
    const { sql, planId, effectiveDate } = context;
    const { merged, divided, single } = this.split(context);
    const spec = combined(firstCombinedYear(effectiveDate));
    const rows: RearrangementRow[] = [];
    const a = await countAtSources(sql, spec, planId, merged);
    for (const { source, target } of single) {
      const c = a.get(source);
      if (c) rows.push(row(spec.recordType, source, c, c.before ? [{ targetCode: target, moved: c.before, movedIdsSha256: null }] : []));
    }
    rows.push(...carried(DIVIDED.recordType, await countAtSources(sql, DIVIDED, planId, divided)));
    rows.push(...carried(FACTS.recordType, await countAtSources(sql, FACTS, planId, [...merged, ...divided])));
    return { rows, reviewItems: [] };
  }

  protected async apply(context: StepContext): Promise<StepOutcome> {
    const { sql, planId, effectiveDate } = context;
    const { merged, divided, pairs, single } = this.split(context);
    const year = firstCombinedYear(effectiveDate);
    const spec = combined(year);
    const ledger = await ledgerCounts(sql, spec, planId, 'APPLY', merged);
    const dividedLedger = await ledgerCounts(sql, DIVIDED, planId, 'APPLY', divided);
    const facts = await ledgerCounts(sql, FACTS, planId, 'APPLY', [...merged, ...divided]);
    await this.ensureSuccessorDrafts(sql, planId, year, pairs);
    await this.logCombined(sql, planId, year, single);
    const withIds = [...ledger.values()].reduce((n, c) => n + c.before, 0) <= REARRANGEMENT_REPLY_MAX_IDS;
    const moved = await movedFrom(sql, spec, planId, merged, withIds);
    const rows: RearrangementRow[] = [];
    for (const source of merged) {
      const c = ledger.get(source) ?? { before: 0, carriedOver: 0 };
      const targets = moved
        .filter((m) => m.source === source)
        .map((m) => ({ targetCode: m.target, moved: m.moved, movedIdsSha256: m.digest, ...(m.ids ? { movedIds: m.ids } : {}) }));
      if (c.before || c.carriedOver || targets.length) rows.push(row(spec.recordType, source, c, targets));
    }
    rows.push(...carried(DIVIDED.recordType, dividedLedger), ...carried(FACTS.recordType, facts));
    return { rows, reviewItems: [] };
  }

  /** Every successor of a source with a DRAFT of the year gets its own DRAFT in that cycle (once; the plan remembers which it created). */
  private async ensureSuccessorDrafts(sql: SqlRunner, planId: string, year: number, pairs: readonly Pair[]): Promise<void> {
    if (!pairs.length) return;
    await sql.query(
      `WITH m AS (SELECT DISTINCT source, target FROM unnest($2::text[], $3::text[]) AS m (source, target)),
            src AS (
              SELECT DISTINCT ON (a.cycle_id, m.target) a.cycle_id, m.target, a.province_code, a.year, a.body
                FROM assessment a JOIN m ON a.unit_code = m.source
               WHERE a.state = 'DRAFT' AND a.year >= $4
                 -- A draft this plan created for a successor is no source of more drafts (a chunk sent
                 -- again must not see the first run's successors as sources: a unit code can be both).
                 AND NOT EXISTS (SELECT 1 FROM rearrangement_created_assessment c
                                  WHERE c.plan_id = $1 AND c.cycle_id = a.cycle_id AND c.unit_code = a.unit_code)
               ORDER BY a.cycle_id, m.target, a.unit_code),
            ins AS (
              INSERT INTO assessment (cycle_id, unit_code, province_code, year, state, body)
              SELECT cycle_id, target, province_code, year, 'DRAFT',
                     body || jsonb_build_object('unitCode', target, 'state', 'DRAFT', 'manual', '{}'::jsonb, 'measured', NULL,
                                                'submittedOn', NULL, 'reviews', '{}'::jsonb, 'recognisedLevelCode', NULL)
                FROM src
              ON CONFLICT (cycle_id, unit_code) DO NOTHING
              RETURNING cycle_id, unit_code),
            created AS (
              INSERT INTO rearrangement_created_assessment (plan_id, cycle_id, unit_code)
              SELECT $1, cycle_id, unit_code FROM ins ON CONFLICT DO NOTHING
              RETURNING cycle_id, unit_code)
       UPDATE evaluation_cycle c
          SET unit_codes = c.unit_codes || ARRAY(SELECT n.unit_code FROM created n WHERE n.cycle_id = c.id AND n.unit_code <> ALL (c.unit_codes) ORDER BY 1)
        WHERE c.id IN (SELECT cycle_id FROM created)`,
      [planId, pairs.map((p) => p.source), pairs.map((p) => p.target), year],
    );
  }

  /** The merged sources' DRAFTs of the year, logged (at most once per plan) as combined into their successor. */
  private async logCombined(sql: SqlRunner, planId: string, year: number, single: readonly Pair[]): Promise<void> {
    if (!single.length) return;
    const picked = `SELECT a.cycle_id::text || ':' || a.unit_code AS record_id, m.source, m.target, 'unit' AS rule
                      FROM unnest($4::text[], $5::text[]) AS m (source, target)
                      JOIN assessment a ON a.unit_code = m.source AND a.state = 'DRAFT' AND a.year >= $6`;
    await logMoves(sql, planId, ASSESSMENT_RECORD_TYPE, randomUUID(), picked, [single.map((p) => p.source), single.map((p) => p.target), year]);
  }

  protected async compensate({ sql, planId }: StepContext): Promise<StepOutcome> {
    const worked: { unit_code: string }[] = await sql.query(
      `SELECT c.unit_code FROM rearrangement_created_assessment c JOIN assessment a USING (cycle_id, unit_code)
        WHERE c.plan_id = $1 AND (a.state <> 'DRAFT' OR a.body->'manual' <> '{}'::jsonb
              OR EXISTS (SELECT 1 FROM assessment_history h WHERE h.cycle_id = a.cycle_id AND h.unit_code = a.unit_code))`,
      [planId],
    );
    if (worked.length) {
      throw Object.assign(new Error(`successor assessments already worked on: ${worked.map((w) => w.unit_code).join(', ')}`), { code: 'REARRANGEMENT_ASSESSMENT_IN_USE' });
    }
    await sql.query(
      `WITH gone AS (
              DELETE FROM rearrangement_created_assessment c WHERE c.plan_id = $1 RETURNING cycle_id, unit_code),
            deleted AS (
              DELETE FROM assessment a USING gone g WHERE a.cycle_id = g.cycle_id AND a.unit_code = g.unit_code RETURNING a.cycle_id, a.unit_code)
       UPDATE evaluation_cycle c
          SET unit_codes = ARRAY(SELECT u FROM unnest(c.unit_codes) AS u WHERE u NOT IN (SELECT d.unit_code FROM deleted d WHERE d.cycle_id = c.id))
        WHERE c.id IN (SELECT cycle_id FROM deleted)`,
      [planId],
    );
    const batchId = randomUUID();
    const back = await moveBack(sql, combined(0), planId, batchId);
    await moveBack(sql, FACTS, planId, batchId);
    const rows: RearrangementRow[] = back.map((b) => ({
      recordType: ASSESSMENT_RECORD_TYPE, sourceCode: b.source, before: b.n, queued: 0, failed: 0, carriedOver: 0, after: 0,
      targets: [{ targetCode: b.target, moved: b.n, movedIdsSha256: null }],
    }));
    return { rows, reviewItems: [] };
  }
}

function row(recordType: string, source: string, c: SourceCounts, targets: RearrangementRow['targets']): RearrangementRow {
  const moved = targets.reduce((n, t) => n + t.moved, 0);
  return { recordType, sourceCode: source, before: c.before, targets, queued: 0, failed: c.before - moved, carriedOver: c.carriedOver, after: c.before - moved };
}

function carried(recordType: string, counts: Map<string, SourceCounts>): RearrangementRow[] {
  return [...counts.entries()]
    .filter(([, c]) => c.carriedOver > 0)
    .map(([source, c]) => ({ recordType, sourceCode: source, before: 0, targets: [], queued: 0, failed: 0, carriedOver: c.carriedOver, after: 0 }));
}
