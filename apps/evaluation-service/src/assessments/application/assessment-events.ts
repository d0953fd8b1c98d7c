import { assessmentApproved, assessmentRecognised, assessmentSubmitted, type evaluationEvents } from '@xaso/contracts';
import type { NewEvent } from '@xaso/messaging';
import type { HistoryEntry } from '../domain/assessment';
import type { AssessmentView } from './assessment-view';

export type AssessmentEvent = NewEvent<(typeof evaluationEvents)[number]>;

const DEFINITION_OF_STEP = { SUBMIT: assessmentSubmitted, APPROVE: assessmentApproved, RECOGNISE: assessmentRecognised } as const;

/** The `assessment.*` events of the steps just applied (submitted, approved, recognised; other steps publish nothing). */
export function assessmentEventsOf(view: AssessmentView, steps: readonly HistoryEntry[]): AssessmentEvent[] {
  const a = view.assessment;
  const events: AssessmentEvent[] = [];
  for (const entry of steps) {
    if (!(entry.step in DEFINITION_OF_STEP)) continue;
    const definition = DEFINITION_OF_STEP[entry.step as keyof typeof DEFINITION_OF_STEP];
    const sheet = entry.step === 'SUBMIT' ? view.self : view.reviewed;
    events.push({
      definition,
      aggregateType: 'Assessment',
      aggregateId: `${a.cycleId}:${a.unitCode}`,
      unitCode: a.unitCode,
      occurredAt: entry.at,
      payload: {
        cycleId: a.cycleId,
        year: a.year,
        unitCode: a.unitCode,
        provinceCode: a.provinceCode,
        scorecardCode: a.scorecardCode,
        scorecardVersion: a.scorecardVersion,
        state: entry.to,
        previousState: entry.from,
        total: sheet.total,
        levelCode: entry.step === 'RECOGNISE' ? a.recognisedLevelCode : sheet.levelCode,
        insufficientData: sheet.insufficientData,
      },
    });
  }
  return events;
}
