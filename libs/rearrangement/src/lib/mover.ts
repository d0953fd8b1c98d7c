import { randomUUID } from 'node:crypto';
import {
  REARRANGEMENT_REPLY_MAX_IDS,
  type RearrangementRow,
  type RearrangementStep,
  type ReviewAssignment,
  type ReviewItemMessage,
  type UnitMoveMessage,
} from '@xaso/contracts';
import type { MovableRecords } from './movable-records';
import { addressKeysOf } from './address-keys';
import {
  countAtSources,
  ledgerCounts,
  leftAtSources,
  mappingOf,
  moveBack,
  moveByAddress,
  moveByIds,
  moveByMapping,
  movedFrom,
  type SqlRunner,
  wouldMove,
  type WouldMove,
} from './set-based-moves';

export interface StepContext {
  planId: string;
  step: RearrangementStep;
  effectiveDate: string;
  moves: UnitMoveMessage[];
  assignments: ReviewAssignment[];
  /** The handler's transaction (the inbox row, the moves and the reply commit together). */
  sql: SqlRunner;
}

export interface StepOutcome {
  rows: RearrangementRow[];
  reviewItems: ReviewItemMessage[];
}

/**
 * Port of a participant: runs one step of a plan over the service's own records, in the
 * transaction it is given. A service binds its implementation (usually a `SetBasedMover`).
 */
export abstract class RearrangementMover {
  run(context: StepContext): Promise<StepOutcome> {
    switch (context.step) {
      case 'DRY_RUN':
        return this.dryRun(context);
      case 'APPLY':
        return this.apply(context);
      case 'COMPENSATE':
        return this.compensate(context);
      case 'ASSIGN':
        return this.assign(context);
    }
  }

  protected abstract dryRun(context: StepContext): Promise<StepOutcome>;
  protected abstract apply(context: StepContext): Promise<StepOutcome>;
  protected abstract compensate(context: StepContext): Promise<StepOutcome>;
  protected abstract assign(context: StepContext): Promise<StepOutcome>;
}

export interface MovedBatch {
  planId: string;
  batchId: string;
  direction: 'apply' | 'compensate';
  effectiveDate: string;
}

/**
 * The shared set-based implementation: each record kind is a `MovableRecords` description; every
 * step is a few statements per kind (mapping join, log, `UPDATE … FROM`), never a loop over
 * records. `afterBatch` lets a service add its own rows for what a batch moved (a history entry…).
 */
export abstract class SetBasedMover extends RearrangementMover {
  protected abstract readonly records: readonly MovableRecords[];

  /** Called after each kind's batch moved (the ids are in `rearrangement_move` with `batch_id` / `compensation_batch_id`). */
  protected afterBatch(_sql: SqlRunner, _spec: MovableRecords, _batch: MovedBatch): Promise<void> {
    return Promise.resolve();
  }

  protected async dryRun({ sql, planId, moves }: StepContext): Promise<StepOutcome> {
    const sources = moves.map((m) => m.sourceCode);
    const mapping = mappingOf(moves);
    const keys = addressKeysOf(moves);
    const rows: RearrangementRow[] = [];
    for (const spec of this.records) {
      const counts = await countAtSources(sql, spec, planId, sources);
      const would = await wouldMove(sql, spec, planId, mapping, keys);
      for (const move of moves) {
        const c = counts.get(move.sourceCode) ?? { before: 0, carriedOver: 0 };
        const targets = byTarget(would.filter((w) => w.source === move.sourceCode));
        const moved = targets.reduce((n, t) => n + t.moved, 0);
        if (!c.before && !c.carriedOver) continue;
        rows.push({ recordType: spec.recordType, sourceCode: move.sourceCode, before: c.before, targets, queued: c.before - moved, failed: 0, carriedOver: c.carriedOver, after: c.before });
      }
    }
    return { rows, reviewItems: [] };
  }

  protected async apply(context: StepContext): Promise<StepOutcome> {
    const { sql, planId, moves } = context;
    const sources = moves.map((m) => m.sourceCode);
    const divided = new Map(moves.filter((m) => m.divided || m.targets.length > 1).map((m) => [m.sourceCode, m.targets.map((t) => t.code)]));
    const mapping = mappingOf(moves);
    const keys = addressKeysOf(moves);
    const batchId = randomUUID();
    const rows: RearrangementRow[] = [];
    const reviewItems: ReviewItemMessage[] = [];
    for (const spec of this.records) {
      const ledger = await ledgerCounts(sql, spec, planId, 'APPLY', sources);
      // Village (and whole unit) first: the address rule takes only what names no village.
      const moved = (await moveByMapping(sql, spec, planId, batchId, mapping)) + (await moveByAddress(sql, spec, planId, batchId, keys));
      if (moved) await this.afterBatch(sql, spec, { planId, batchId, direction: 'apply', effectiveDate: context.effectiveDate });
      const left = await leftAtSources(sql, spec, planId, sources);
      rows.push(...(await this.rowsFor(sql, spec, planId, sources, ledger, left, divided)));
      for (const l of left) {
        const candidates = divided.get(l.source);
        if (candidates) reviewItems.push({ recordType: spec.recordType, recordId: l.record_id, sourceCode: l.source, candidateCodes: candidates, label: l.label });
      }
    }
    return { rows, reviewItems };
  }

  protected async compensate({ sql, planId, effectiveDate }: StepContext): Promise<StepOutcome> {
    const batchId = randomUUID();
    const rows: RearrangementRow[] = [];
    for (const spec of this.records) {
      const back = await moveBack(sql, spec, planId, batchId);
      if (back.length) await this.afterBatch(sql, spec, { planId, batchId, direction: 'compensate', effectiveDate });
      const bySource = new Map<string, { target: string; n: number }[]>();
      for (const b of back) bySource.set(b.source, [...(bySource.get(b.source) ?? []), b]);
      for (const [source, list] of bySource) {
        const total = list.reduce((n, b) => n + b.n, 0);
        rows.push({
          recordType: spec.recordType, sourceCode: source, before: total, queued: 0, failed: 0, carriedOver: 0, after: 0,
          targets: list.map((b) => ({ targetCode: b.target, moved: b.n, movedIdsSha256: null })),
        });
      }
    }
    return { rows, reviewItems: [] };
  }

  protected async assign({ sql, planId, assignments, effectiveDate }: StepContext): Promise<StepOutcome> {
    const batchId = randomUUID();
    const rows: RearrangementRow[] = [];
    for (const spec of this.records) {
      const items = assignments.filter((a) => a.recordType === spec.recordType);
      if (!items.length) continue;
      if (await moveByIds(sql, spec, planId, batchId, items)) await this.afterBatch(sql, spec, { planId, batchId, direction: 'apply', effectiveDate });
      const sources = [...new Set(items.map((i) => i.sourceCode))];
      const moved = await movedFrom(sql, spec, planId, sources, true);
      for (const source of sources) {
        const ids = new Set(items.filter((i) => i.sourceCode === source).map((i) => i.recordId));
        const targets = moved.filter((m) => m.source === source).map((m) => {
          const mine = (m.ids ?? []).filter((id) => ids.has(id));
          return { targetCode: m.target, moved: mine.length, movedIdsSha256: null, movedIds: mine };
        }).filter((t) => t.moved > 0);
        const n = targets.reduce((s, t) => s + t.moved, 0);
        rows.push({ recordType: spec.recordType, sourceCode: source, before: ids.size, targets, queued: 0, failed: ids.size - n, carriedOver: 0, after: ids.size - n });
      }
    }
    return { rows, reviewItems: [] };
  }

  private async rowsFor(
    sql: SqlRunner,
    spec: MovableRecords,
    planId: string,
    sources: readonly string[],
    ledger: Map<string, { before: number; carriedOver: number }>,
    left: readonly { source: string }[],
    divided: Map<string, string[]>,
  ): Promise<RearrangementRow[]> {
    const withIds = [...ledger.values()].reduce((n, c) => n + c.before, 0) <= REARRANGEMENT_REPLY_MAX_IDS;
    const moved = await movedFrom(sql, spec, planId, sources, withIds);
    const rows: RearrangementRow[] = [];
    for (const source of sources) {
      const c = ledger.get(source) ?? { before: 0, carriedOver: 0 };
      const targets = moved
        .filter((m) => m.source === source)
        .map((m) => ({ targetCode: m.target, moved: m.moved, byVillage: m.byVillage, byAddress: m.byAddress, movedIdsSha256: m.digest, ...(m.ids ? { movedIds: m.ids } : {}) }));
      const remaining = left.filter((l) => l.source === source).length;
      if (!c.before && !c.carriedOver && !targets.length && !remaining) continue;
      const queued = divided.has(source) ? remaining : 0;
      rows.push({ recordType: spec.recordType, sourceCode: source, before: c.before, targets, queued, failed: remaining - queued, carriedOver: c.carriedOver, after: remaining });
    }
    return rows;
  }
}

/** A dry run's counts per target, with how many go by village and by address. */
function byTarget(would: readonly WouldMove[]): RearrangementRow['targets'] {
  const targets = new Map<string, RearrangementRow['targets'][number]>();
  for (const w of would) {
    const t = targets.get(w.target) ?? { targetCode: w.target, moved: 0, byVillage: 0, byAddress: 0, movedIdsSha256: null };
    t.moved += w.n;
    if (w.rule === 'village') t.byVillage = (t.byVillage ?? 0) + w.n;
    if (w.rule === 'address') t.byAddress = (t.byAddress ?? 0) + w.n;
    targets.set(w.target, t);
  }
  return [...targets.values()];
}
