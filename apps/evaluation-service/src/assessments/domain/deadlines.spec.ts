import { AssessmentState } from './assessment';
import { defaultDeadlines, defaultRecognitionWindow, overdueFlags } from './deadlines';

const d = defaultDeadlines(2025);
const flags = (state: AssessmentState, today: string) => {
  const f = overdueFlags(state, today, d);
  return [f.selfAssessmentOverdue, f.reviewOverdue, f.recognitionOverdue];
};

describe('deadlines', () => {
  it('defaults: self-assessment and review by 31 December, recognition within January of the next year', () => {
    expect(d).toEqual({ selfAssessmentDue: '2025-12-31', reviewDue: '2025-12-31', recognitionDue: '2026-01-31' });
    expect(defaultRecognitionWindow(2025)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  it.each([
    ['DRAFT', '2025-12-31', [false, false, false]],
    ['DRAFT', '2026-01-01', [true, true, false]],
    ['RETURNED', '2026-01-01', [true, true, false]],
    ['SUBMITTED', '2025-12-31', [false, false, false]],
    ['SUBMITTED', '2026-01-01', [false, true, false]],
    ['UNDER_REVIEW', '2026-01-01', [false, true, false]],
    ['APPROVED', '2026-01-01', [false, false, false]],
    ['APPROVED', '2026-01-31', [false, false, false]],
    ['APPROVED', '2026-02-01', [false, false, true]],
    ['DRAFT', '2026-02-01', [true, true, true]],
    ['RECOGNISED', '2027-05-01', [false, false, false]],
  ] as const)('%s on %s → self/review/recognition overdue %p', (state, today, expected) => {
    expect(flags(state, today)).toEqual(expected);
  });

  it('configurable deadlines', () => {
    expect(overdueFlags('DRAFT', '2025-12-16', { ...d, selfAssessmentDue: '2025-12-15' }).selfAssessmentOverdue).toBe(true);
  });
});
