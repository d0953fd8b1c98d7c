import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD, HAI_DUONG_PROVINCE_CODE } from '../../scorecards/domain/seed';
import { DailyFact } from '../../indicators/domain/daily-fact';
import { measureScorecard } from '../../indicators/domain/measure-scorecard';
import { METRIC } from '../../indicators/domain/metrics';
import { Assessment, newAssessment } from '../../assessments/domain/assessment';
import { applyStep } from '../../assessments/domain/apply-step';
import { reviewedSheetOf } from '../../assessments/domain/review-steps';
import { fullManual } from '../../assessments/domain/scoring.test-data';
import { ctx, NOV_20, provinceLeader, provinceOfficer, JAN_15 } from '../../assessments/domain/workflow.test-data';
import { HAI_DUONG_TARGETS } from '../../targets/domain/seed/hai-duong-targets';
import { targetReport } from '../../targets/domain/target-report';
import { rankWithinProvince } from './ranking';
import { unitResultOf } from './unit-result';

/** A year of facts for a commune whose on-time share is `onTime` of 100 dossiers, all else perfect. */
function facts(unitCode: string, onTime: number, withRatings = true): DailyFact[] {
  const day = '2025-05-05';
  const all: [string, number][] = [
    [METRIC.dossierReceived, 100], [METRIC.dossierReceivedOnline, 100], [METRIC.dossierResolved, 100], [METRIC.dossierResolvedOnTime, onTime],
    [METRIC.dossierResolvedLate, 100 - onTime], [METRIC.dossierApologyIssued, 100 - onTime], [METRIC.petitionResolved, 10], [METRIC.petitionResolvedOnTime, 10],
    [METRIC.receptionSessionHeld, 12], [METRIC.receptionSessionRequired, 12], [METRIC.pollBallotsCast, 90], [METRIC.pollEligibleVoters, 100],
    ...(withRatings ? ([[METRIC.ratingReceived, 50], [METRIC.ratingSatisfied, 50]] as [string, number][]) : []),
  ];
  return all.map(([metric, value]) => ({ unitCode, day, metric, value }));
}

function evaluated(unitCode: string, onTime: number, withRatings = true): Assessment {
  const officer = { userId: `u-${unitCode}`, roles: ['COMMUNE_OFFICER' as const], unitCode, provinceCode: HAI_DUONG_PROVINCE_CODE };
  let a = newAssessment({ cycleId: 'c-2025', year: 2025, unitCode, provinceCode: HAI_DUONG_PROVINCE_CODE, scorecardCode: HD.code, scorecardVersion: HD.version });
  a = applyStep(a, { type: 'SAVE_SELF', entries: Object.fromEntries(fullManual()) }, ctx(officer));
  a = applyStep(a, { type: 'SUBMIT', measured: measureScorecard(HD, facts(unitCode, onTime, withRatings), 2025, '2025-11-20') }, ctx(officer, NOV_20));
  a = applyStep(a, { type: 'START_REVIEW' }, ctx(provinceOfficer));
  a = applyStep(a, { type: 'APPROVE' }, ctx(provinceOfficer));
  return applyStep(a, { type: 'RECOGNISE' }, ctx(provinceLeader, JAN_15));
}

describe('facts → submission → review → recognition → ranking → targets', () => {
  // On-time 99% → 7 of 7; 93% → 3 (total 96); 85% → 1 (total 94); no ratings → insufficient data.
  const assessments = [evaluated('A', 99), evaluated('B', 93), evaluated('C', 85), evaluated('D', 99, false)];
  const results = assessments.map((a) => unitResultOf(a.unitCode, a.provinceCode, reviewedSheetOf(a, ctx(provinceLeader))));

  it('scores and levels each commune from its facts', () => {
    expect(results.map((r) => [r.unitCode, r.total, r.levelCode, r.insufficientData])).toEqual([
      ['A', 100, 'LEVEL_4', false], ['B', 96, 'LEVEL_4', false], ['C', 94, 'LEVEL_3', false], ['D', 94, null, true],
    ]);
    expect(assessments.map((a) => a.recognisedLevelCode)).toEqual(['LEVEL_4', 'LEVEL_4', 'LEVEL_3', null]);
  });

  it('ranks the province without the insufficient-data commune, and reports the 2025 target', () => {
    const ranking = rankWithinProvince(results, HAI_DUONG_PROVINCE_CODE);
    expect(ranking.ranked.map((r) => [r.unitCode, r.rank])).toEqual([['A', 1], ['B', 2], ['C', 3]]);
    expect(ranking.excluded.map((r) => r.unitCode)).toEqual(['D']);
    const report = targetReport(HAI_DUONG_TARGETS, 2025, results);
    expect([report.unitsInScope, report.requirements[0].reachedCount, report.requirements[0].met]).toEqual([4, 3, true]);
  });
});
