import { checkChairpersonCompliance, checkUnitCompliance, isoWeeksOfMonth, validateSession, type ReceptionSession } from './reception';

const s = (date: string, over: Partial<ReceptionSession> = {}): ReceptionSession => ({
  unitCode: '00004',
  date,
  chairpersonId: 'chair-1',
  chairpersonPresent: true,
  citizensReceived: 3,
  petitionCodes: [],
  ...over,
});

describe('ISO weeks of a month (Thursday rule)', () => {
  it.each`
    month        | mondays
    ${'2026-03'} | ${['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']}
    ${'2026-02'} | ${['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']}
    ${'2026-06'} | ${['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22']}
    ${'2025-12'} | ${['2025-12-01', '2025-12-08', '2025-12-15', '2025-12-22']}
    ${'2026-04'} | ${['2026-03-30', '2026-04-06', '2026-04-13', '2026-04-20', '2026-04-27']}
  `('$month', ({ month, mondays }) => {
    expect(isoWeeksOfMonth(month)).toEqual(mondays);
  });

  it('rejects a bad month', () => {
    expect(() => isoWeeksOfMonth('2026-13')).toThrow();
    expect(() => isoWeeksOfMonth('March')).toThrow();
  });
});

describe('chairperson reception compliance', () => {
  it('weekly rule before 2026-07-01: every week of the month needs a session', () => {
    const june = ['2026-06-03', '2026-06-10', '2026-06-17', '2026-06-24'].map((d) => s(d));
    expect(checkChairpersonCompliance(june, 'chair-1', '2026-06')).toEqual({
      unitCode: '00004',
      chairpersonId: 'chair-1',
      month: '2026-06',
      rule: 'WEEKLY',
      required: 4,
      held: 4,
      compliant: true,
      missingWeeks: [],
    });
    const r = checkChairpersonCompliance(june.slice(0, 3), 'chair-1', '2026-06');
    expect(r).toMatchObject({ compliant: false, held: 3, missingWeeks: ['2026-06-22'] });
  });

  it('two sessions in the same week cover only that week', () => {
    const r = checkChairpersonCompliance([s('2026-06-01'), s('2026-06-02'), s('2026-06-10'), s('2026-06-17')], 'chair-1', '2026-06');
    expect(r).toMatchObject({ held: 3, compliant: false });
  });

  it('a session in the neighbouring month counts for a week that belongs to this month', () => {
    // the week of Mon 2025-12-29 belongs to January (its Thursday is 2026-01-01); a session on 2025-12-30 covers it
    const r = checkChairpersonCompliance([s('2025-12-30'), s('2026-01-06'), s('2026-01-13'), s('2026-01-20')], 'chair-1', '2026-01');
    expect(isoWeeksOfMonth('2026-01')).toEqual(['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    expect(r).toMatchObject({ required: 5, held: 4, missingWeeks: ['2026-01-26'] });
  });

  it('sessions without the chairperson do not count', () => {
    const r = checkChairpersonCompliance(['2026-06-03', '2026-06-10', '2026-06-17', '2026-06-24'].map((d, i) => s(d, { chairpersonPresent: i !== 2 })), 'chair-1', '2026-06');
    expect(r).toMatchObject({ held: 3, compliant: false, missingWeeks: ['2026-06-15'] });
  });

  it('from 2026-07-01: at least 2 distinct days a month', () => {
    expect(checkChairpersonCompliance([s('2026-07-07'), s('2026-07-21')], 'chair-1', '2026-07')).toMatchObject({
      rule: 'TWICE_MONTHLY',
      required: 2,
      held: 2,
      compliant: true,
    });
    expect(checkChairpersonCompliance([s('2026-07-07'), s('2026-07-07', { citizensReceived: 9 })], 'chair-1', '2026-07')).toMatchObject({ held: 1, compliant: false });
    // a session in June does not count for July
    expect(checkChairpersonCompliance([s('2026-06-30'), s('2026-07-21')], 'chair-1', '2026-07')).toMatchObject({ held: 1, compliant: false });
    expect(checkChairpersonCompliance([], 'chair-1', '2026-08')).toMatchObject({ held: 0, compliant: false });
  });

  it('per unit: one result per chairperson', () => {
    const rows = checkUnitCompliance([s('2026-07-01'), s('2026-07-15'), s('2026-07-02', { chairpersonId: 'chair-2' })], '2026-07');
    expect(rows.map((r) => [r.chairpersonId, r.compliant])).toEqual([
      ['chair-1', true],
      ['chair-2', false],
    ]);
  });
});

describe('validateSession', () => {
  it('accepts a valid session and de-duplicates petition codes', () => {
    expect(validateSession(s('2026-07-01', { petitionCodes: ['A', 'A', 'B'] })).petitionCodes).toEqual(['A', 'B']);
  });
  it.each([[{ date: '2026-02-30' }], [{ unitCode: '' }], [{ chairpersonId: ' ' }], [{ citizensReceived: -1 }]])('rejects %j', (over) => {
    expect(() => validateSession(s('2026-07-01', over as Partial<ReceptionSession>))).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
