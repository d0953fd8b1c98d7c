/**
 * The real 2025 plan as the saga sends it (merger's own domain code: plan entries from
 * data/admin-units, unit moves, chunks of 200 units), with villages added to the divided communes:
 * the published tables name none, so part k of a divided commune receives the bench village
 * `<source>-<k>` and the seed names those villages on most records of divided communes.
 */
import { REARRANGEMENT_CHUNK_UNITS, type UnitMoveMessage } from '@xaso/contracts';
import { mappingOf } from '@xaso/rearrangement';
import type { MappingRow } from '@xaso/rearrangement';
import { plan2025Entries } from '../../apps/merger-service/src/rearrangements/domain/plan-2025';
import { unitMovesOfEntries } from '../../apps/merger-service/src/rearrangements/domain/unit-moves';
import { chunked } from '../../apps/merger-service/src/rearrangement-saga/domain/saga';
import { readAdminUnitFiles } from '../../apps/merger-service/src/units/infrastructure/csv-source';

export const benchVillage = (source: string, part: number) => `${source}-${String(part + 1).padStart(3, '0')}`;

export interface BenchPlan {
  effectiveDate: string;
  moves: UnitMoveMessage[];
  chunks: UnitMoveMessage[][];
  mapping: MappingRow[];
  /** Legacy communes whose records move (merged, renamed to a new code, or divided), with their number of parts (0: not divided). */
  communes: { code: string; parts: number }[];
}

export function benchPlan(): BenchPlan {
  const files = readAdminUnitFiles();
  const entries = plan2025Entries(files.legacy, files.current, files.rearrangement).map((entry) =>
    entry.kind === 'DIVIDE' ? { ...entry, parts: entry.parts.map((p, k) => ({ ...p, villageCodes: [benchVillage(entry.source, k)] })) } : entry,
  );
  const moves = unitMovesOfEntries(entries);
  const communeCodes = new Set(files.legacy.filter((r) => r.level === 'commune').map((r) => r.code));
  const communes = moves.filter((m) => communeCodes.has(m.sourceCode)).map((m) => ({ code: m.sourceCode, parts: m.divided ? m.targets.length : 0 }));
  return { effectiveDate: '2025-07-01', moves, chunks: chunked(moves, REARRANGEMENT_CHUNK_UNITS), mapping: mappingOf(moves), communes };
}
