import type { Assessment } from '../domain/assessment';

/** What the `body` jsonb keeps: the aggregate without its history (history has its own rows). */
export type AssessmentBody = Omit<Assessment, 'history'>;

export function assessmentBodyOf(a: Assessment): AssessmentBody {
  const { history: _history, ...body } = a;
  return body;
}
