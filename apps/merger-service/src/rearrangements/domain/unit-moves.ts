/**
 * Which units' records must move, and where: what every service's participant of the saga needs
 * from a plan. Pure.
 *
 * Moves are keyed by the source's code as it was on the day before the effective date. A target's
 * code may be another source's old code (codes are reused: in 2025, 151 old commune codes move away
 * while being another commune's target code): apply all moves of a plan at once (one mapping join
 * on the OLD code), never one after another, or a record could be moved twice.
 */
import type { PlanEntry, RearrangementPlan } from './plan';

export interface UnitMoveTarget {
  code: string;
  /** For a divided source: the villages (codes) this target receives, where the plan knows them. */
  villageCodes?: string[];
  /** Their full names ("Thôn Phú Mỹ") where the registry knows them: the address rule matches these. */
  villageNames?: string[];
}

export interface UnitMove {
  sourceCode: string;
  targets: UnitMoveTarget[];
  /** The source is split among several targets: a record goes by its village, its address, or to review. */
  divided: boolean;
}

/** One move per source unit whose records must go to another code; a unit that keeps its code (RENAME, RECLASSIFY, MOVE, a MERGE target keeping a source's code) has none. */
export function unitMovesOf(plan: Pick<RearrangementPlan, 'entries'>): UnitMove[] {
  return unitMovesOfEntries(plan.entries);
}

export function unitMovesOfEntries(entries: readonly PlanEntry[]): UnitMove[] {
  const divided = new Map<string, UnitMoveTarget[]>();
  const merged = new Map<string, string[]>();
  const single = new Map<string, UnitMoveTarget[]>();
  for (const entry of entries) {
    switch (entry.kind) {
      case 'DIVIDE':
        divided.set(
          entry.source,
          entry.parts.map((p) => (p.villageCodes?.length ? { code: p.code, villageCodes: [...p.villageCodes] } : { code: p.code })),
        );
        break;
      case 'MERGE':
        for (const source of entry.sources) merged.set(source, [...(merged.get(source) ?? []), entry.target.code]);
        break;
      case 'RENAME':
      case 'RECLASSIFY':
        if (entry.newCode && entry.newCode !== entry.code) single.set(entry.code, [{ code: entry.newCode }]);
        break;
      case 'ABOLISH':
        if (entry.recordsTo?.length) single.set(entry.code, [...new Set(entry.recordsTo)].map((code) => ({ code })));
        break;
      case 'MOVE':
        break;
    }
  }
  const moves = new Map<string, UnitMove>();
  for (const [sourceCode, targets] of single) {
    if (targets.length === 1 && targets[0].code === sourceCode) continue;
    moves.set(sourceCode, { sourceCode, targets, divided: targets.length > 1 });
  }
  for (const [sourceCode, codes] of merged) {
    const unique = [...new Set(codes)];
    if (unique.length === 1 && unique[0] === sourceCode) continue;
    moves.set(sourceCode, { sourceCode, targets: unique.map((code) => ({ code })), divided: unique.length > 1 });
  }
  // A DIVIDE entry says it all for its source (the MERGE entries listing it only name its parts' targets).
  for (const [sourceCode, targets] of divided) moves.set(sourceCode, { sourceCode, targets, divided: true });
  return [...moves.values()].sort((a, b) => (a.sourceCode < b.sourceCode ? -1 : a.sourceCode > b.sourceCode ? 1 : 0));
}

/** The moves with each target's village names (from `names`, by village code); a village without a known name adds none. */
export function withVillageNames(moves: readonly UnitMove[], names: ReadonlyMap<string, string>): UnitMove[] {
  return moves.map((move) => ({
    ...move,
    targets: move.targets.map((t) => {
      const known = (t.villageCodes ?? []).map((c) => names.get(c)).filter((n): n is string => !!n);
      return known.length ? { ...t, villageNames: known } : t;
    }),
  }));
}
