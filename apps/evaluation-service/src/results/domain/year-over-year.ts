import { fromHundredths, toHundredths } from '../../scorecards/domain/points';
import { UnitResult } from './unit-result';

export interface YearOverYear {
  readonly unitCode: string;
  readonly total: number;
  readonly previousTotal: number | null;
  /** Points gained (negative: lost); null without a comparable previous result. */
  readonly change: number | null;
  readonly levelCode: string | null;
  readonly previousLevelCode: string | null;
  readonly levelTrend: 'UP' | 'DOWN' | 'SAME' | null;
}

/**
 * Change against the previous year per unit. Results with insufficient data on either side have
 * no change (a partial total compared with a full one would mislead).
 */
export function changeAgainstPreviousYear(current: readonly UnitResult[], previous: readonly UnitResult[]): YearOverYear[] {
  const before = new Map(previous.map((r) => [r.unitCode, r]));
  return current.map((now) => {
    const prev = before.get(now.unitCode);
    const comparable = prev && !prev.insufficientData && !now.insufficientData;
    const rankNow = now.levelRank ?? 0;
    const rankBefore = prev?.levelRank ?? 0;
    return {
      unitCode: now.unitCode,
      total: now.total,
      previousTotal: prev?.total ?? null,
      change: comparable ? fromHundredths(toHundredths(now.total) - toHundredths(prev.total)) : null,
      levelCode: now.levelCode,
      previousLevelCode: prev?.levelCode ?? null,
      levelTrend: comparable ? (rankNow > rankBefore ? 'UP' : rankNow < rankBefore ? 'DOWN' : 'SAME') : null,
    };
  });
}
