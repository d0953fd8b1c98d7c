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
  type AlsoOnMove,
  type AtSource,
  atSources,
  batchGroups,
  countAtSources,
  keepLedger,
  mappingOf,
  moveBack,
  moveByAddress,
  moveByIds,
  moveByMapping,
  movedAmong,
  movedFrom,
  type MovedGroup,
  movedPerSource,
  type SourceCounts,
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
 * step is a few statements per kind (`UPDATE … FROM` the mapping with the log in the same
 * statement, what is left, the ledger, the reply's counts), never a loop over records.
 * `alsoOnMove` lets a service write its own rows for what a statement moved (a history entry…).
 */
export abstract class SetBasedMover extends RearrangementMover {
  protected abstract readonly records: readonly MovableRecords[];

  /** The service's own rows for every record a batch moves, written by the move statement itself; none by default. */
  protected alsoOnMove(_spec: MovableRecords, _batch: MovedBatch): AlsoOnMove | undefined {
    return undefined;
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
      const also = this.alsoOnMove(spec, { planId, batchId, direction: 'apply', effectiveDate: context.effectiveDate });
      // Village (and whole unit) first: the address rule takes only what names no village.
      const batch = [...(await moveByMapping(sql, spec, planId, batchId, mapping, also)), ...(await moveByAddress(sql, spec, planId, batchId, keys, also))];
      const after = await atSources(sql, spec, planId, sources);
      // What the step found at a unit on its first run: what it moved from there and what is left (a later run keeps the first counts).
      const movedHere = movedPerSource(batch);
      const found = new Map<string, SourceCounts>(sources.map((s) => [s, { before: (movedHere.get(s) ?? 0) + (after.get(s)?.left.length ?? 0), carriedOver: after.get(s)?.carriedOver ?? 0 }]));
      const ledger = await keepLedger(sql, spec, planId, 'APPLY', sources, found);
      const withIds = [...ledger.counts.values()].reduce((n, c) => n + c.before, 0) <= REARRANGEMENT_REPLY_MAX_IDS;
      // A unit's first run reports what this batch moved from it; a later run (the command sent again) what the log holds.
      const again = sources.filter((s) => !ledger.written.has(s));
      const moved = [...batchGroups(batch.filter((m) => ledger.written.has(m.source)), withIds), ...(again.length ? await movedFrom(sql, spec, planId, again, withIds) : [])];
      rows.push(...rowsFor(spec, sources, ledger.counts, after, divided, moved));
      for (const source of sources) {
        const candidates = divided.get(source);
        if (!candidates) continue;
        for (const l of after.get(source)?.left ?? []) {
          reviewItems.push({ recordType: spec.recordType, recordId: l.recordId, sourceCode: source, candidateCodes: candidates, label: l.label });
        }
      }
    }
    return { rows, reviewItems };
  }

  protected async compensate({ sql, planId, effectiveDate }: StepContext): Promise<StepOutcome> {
    const batchId = randomUUID();
    const rows: RearrangementRow[] = [];
    for (const spec of this.records) {
      const back = await moveBack(sql, spec, planId, batchId, this.alsoOnMove(spec, { planId, batchId, direction: 'compensate', effectiveDate }));
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
      await moveByIds(sql, spec, planId, batchId, items, this.alsoOnMove(spec, { planId, batchId, direction: 'apply', effectiveDate }));
      const sources = [...new Set(items.map((i) => i.sourceCode))];
      const moved = await movedAmong(sql, spec, planId, items.map((i) => i.recordId));
      for (const source of sources) {
        const ids = new Set(items.filter((i) => i.sourceCode === source).map((i) => i.recordId));
        const targets = moved.filter((m) => m.source === source).map((m) => {
          const mine = m.ids.filter((id) => ids.has(id));
          return { targetCode: m.target, moved: mine.length, movedIdsSha256: null, movedIds: mine };
        }).filter((t) => t.moved > 0);
        const n = targets.reduce((s, t) => s + t.moved, 0);
        rows.push({ recordType: spec.recordType, sourceCode: source, before: ids.size, targets, queued: 0, failed: ids.size - n, carriedOver: 0, after: ids.size - n });
      }
    }
    return { rows, reviewItems: [] };
  }
}

/** An APPLY reply's rows: per source, the ledger's counts, what moved (per target) and what is left. */
function rowsFor(
  spec: MovableRecords,
  sources: readonly string[],
  ledger: Map<string, SourceCounts>,
  after: Map<string, AtSource>,
  divided: Map<string, string[]>,
  moved: readonly MovedGroup[],
): RearrangementRow[] {
  const rows: RearrangementRow[] = [];
  for (const source of sources) {
    const c = ledger.get(source) ?? { before: 0, carriedOver: 0 };
    const targets = moved
      .filter((m) => m.source === source)
      .map((m) => ({ targetCode: m.target, moved: m.moved, byVillage: m.byVillage, byAddress: m.byAddress, movedIdsSha256: m.digest, ...(m.ids ? { movedIds: m.ids } : {}) }));
    const remaining = after.get(source)?.left.length ?? 0;
    if (!c.before && !c.carriedOver && !targets.length && !remaining) continue;
    const queued = divided.has(source) ? remaining : 0;
    rows.push({ recordType: spec.recordType, sourceCode: source, before: c.before, targets, queued, failed: remaining - queued, carriedOver: c.carriedOver, after: remaining });
  }
  return rows;
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
