import { computedMaxPoints, indicatorsOf, isValidForYear, manualMaxPoints } from '../scorecard';
import { scorecardIssues } from '../validate-scorecard';
import { METRIC } from '../../../indicators/domain/metrics';
import { DECISION_766_SERVICE_INDEX, HAI_DUONG_FRIENDLY_GOVERNMENT, SEED_SCORECARDS } from '.';

const known = new Set<string>(Object.values(METRIC));

describe('seed scorecards', () => {
  it.each(SEED_SCORECARDS.map((s) => [s.code, s]))('%s validates', (_code, scorecard) => {
    expect(scorecardIssues(scorecard)).toEqual([]);
  });

  it('every computed indicator reads metrics the consumers record', () => {
    for (const s of SEED_SCORECARDS) {
      for (const { indicator } of indicatorsOf(s)) {
        if (indicator.kind === 'MANUAL') continue;
        expect(known.has(indicator.computation.numerator)).toBe(true);
        if (indicator.computation.denominator) expect(known.has(indicator.computation.denominator)).toBe(true);
      }
    }
  });

  it('Hải Dương: the five groups, 100 points, the four levels, the issue’s computed indicators', () => {
    const s = HAI_DUONG_FRIENDLY_GOVERNMENT;
    expect(s.groups.map((g) => [g.titleEn, g.maxPoints])).toEqual([
      ['Open and transparent operation', 25],
      ['Exemplary, responsible, friendly leaders', 15],
      ['Responsible, friendly staff', 20],
      ['Civilised, green, clean offices', 15],
      ['Measures bringing people and government closer', 25],
    ]);
    expect(s.bands.map((b) => [b.code, b.min, b.max])).toEqual([['LEVEL_1', 80, 85], ['LEVEL_2', 85, 90], ['LEVEL_3', 90, 95], ['LEVEL_4', 95, 100]]);
    const numerators = indicatorsOf(s).flatMap(({ indicator }) => (indicator.kind === 'MANUAL' ? [] : [indicator.computation.numerator]));
    expect(new Set(numerators)).toEqual(
      new Set([
        METRIC.dossierResolvedOnTime, METRIC.dossierReceivedOnline, METRIC.dossierWentOverdue, METRIC.dossierApologyIssued,
        METRIC.petitionResolvedOnTime, METRIC.petitionWentOverdue, METRIC.ratingSatisfied, METRIC.receptionSessionHeld, METRIC.pollBallotsCast,
      ]),
    );
    const manual = indicatorsOf(s).reduce((sum, { indicator }) => sum + manualMaxPoints(indicator), 0);
    const computed = indicatorsOf(s).reduce((sum, { indicator }) => sum + computedMaxPoints(indicator), 0);
    expect(manual + computed).toBe(100);
    expect(isValidForYear(s, 2024) && isValidForYear(s, 2030)).toBe(true);
    expect(isValidForYear(s, 2023) || isValidForYear(s, 2031)).toBe(false);
  });

  it('Decision 766: six groups 18/20/12/10/22/18, computed where dossier data exist', () => {
    const s = DECISION_766_SERVICE_INDEX;
    expect(s.groups.map((g) => [g.code, g.maxPoints])).toEqual([['T', 18], ['P', 20], ['O', 12], ['PAY', 10], ['D', 22], ['S', 18]]);
    const kindOfGroup = Object.fromEntries(s.groups.map((g) => [g.code, [...new Set(g.criteria.flatMap((c) => c.indicators.map((i) => i.kind)))]]));
    expect(kindOfGroup).toEqual({ T: ['MANUAL'], P: ['COMPUTED'], O: ['COMPUTED'], PAY: ['MANUAL'], D: ['MANUAL'], S: ['COMPUTED'] });
    expect(s.scope).toEqual({ kind: 'NATIONAL' });
    expect(isValidForYear(s, 2099)).toBe(true);
  });
});
