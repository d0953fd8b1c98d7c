import { Scorecard } from '../../scorecards/domain/scorecard';
import { fromHundredths, roundPoints, toHundredths } from '../../scorecards/domain/points';
import { MeasuredValue } from '../../indicators/domain/computed-value';
import { ScoreSheet } from '../../assessments/domain/score-sheet';

export interface SideBySideRow {
  readonly level: 'INDICATOR' | 'CRITERION' | 'GROUP' | 'TOTAL';
  readonly code: string;
  readonly maxPoints: number;
  readonly selfPoints: number;
  readonly reviewedPoints: number;
  /** reviewed − self. */
  readonly difference: number;
  readonly measured: MeasuredValue | null;
}

/**
 * Self-assessed and reviewed scores in one table, in scorecard order: each group, then its
 * criteria, each followed by its indicators; the total last. Points are what each line adds to
 * its parent (after weight).
 */
export function sideBySide(scorecard: Scorecard, self: ScoreSheet, reviewed: ScoreSheet): SideBySideRow[] {
  const selfOf = new Map<string, number>();
  const reviewedOf = new Map<string, number>();
  const measuredOf = new Map<string, MeasuredValue | null>();
  for (const s of self.indicators) {
    selfOf.set(s.indicatorCode, s.weightedPoints);
    measuredOf.set(s.indicatorCode, s.measured);
  }
  for (const s of reviewed.indicators) reviewedOf.set(s.indicatorCode, s.weightedPoints);
  for (const p of [...self.criteria, ...self.groups]) selfOf.set(p.code, p.points);
  for (const p of [...reviewed.criteria, ...reviewed.groups]) reviewedOf.set(p.code, p.points);
  const row = (level: SideBySideRow['level'], code: string, maxPoints: number, selfPoints: number, reviewedPoints: number, measured: MeasuredValue | null = null): SideBySideRow => ({
    level, code, maxPoints, selfPoints, reviewedPoints, difference: fromHundredths(toHundredths(reviewedPoints) - toHundredths(selfPoints)), measured,
  });
  const rows: SideBySideRow[] = [];
  for (const group of scorecard.groups) {
    rows.push(row('GROUP', group.code, group.maxPoints, selfOf.get(group.code) ?? 0, reviewedOf.get(group.code) ?? 0));
    for (const criterion of group.criteria) {
      rows.push(row('CRITERION', criterion.code, criterion.maxPoints, selfOf.get(criterion.code) ?? 0, reviewedOf.get(criterion.code) ?? 0));
      for (const i of criterion.indicators) {
        rows.push(row('INDICATOR', i.code, roundPoints(i.maxPoints * i.weight), selfOf.get(i.code) ?? 0, reviewedOf.get(i.code) ?? 0, measuredOf.get(i.code) ?? null));
      }
    }
  }
  rows.push(row('TOTAL', scorecard.code, scorecard.totalPoints, self.total, reviewed.total));
  return rows;
}
