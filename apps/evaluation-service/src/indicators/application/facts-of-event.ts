import { toLocalDate } from '@xaso/calendar';
import {
  dossierApologyIssued,
  dossierOverdue,
  dossierReceived,
  dossierResolved,
  type EventOf,
  petitionEscalated,
  petitionRated,
  petitionResolved,
  pollClosed,
  receptionSessionHeld,
} from '@xaso/contracts';
import type { DailyFact } from '../domain/daily-fact';
import { METRIC, type MetricName } from '../domain/metrics';

/** A rating of 4 or 5 out of 5 counts as satisfied. */
export const SATISFIED_FROM_SCORE = 4;

const dayOf = (instant: string) => toLocalDate(new Date(instant));

const factsOn = (unitCode: string, instant: string, metrics: readonly MetricName[]): DailyFact[] =>
  metrics.map((metric) => ({ unitCode, day: dayOf(instant), metric, value: 1 }));

/**
 * What each consumed event adds to the facts (one count per metric, on the local day the thing
 * happened, for the unit that handles the case). Dossier facts go to the processing unit.
 */
export const factsOf = {
  dossierReceived: ({ payload: p }: EventOf<typeof dossierReceived>): DailyFact[] =>
    factsOn(p.processingUnitCode, p.receivedAt, p.channel === 'ONLINE' ? [METRIC.dossierReceived, METRIC.dossierReceivedOnline] : [METRIC.dossierReceived]),

  dossierResolved: ({ payload: p }: EventOf<typeof dossierResolved>): DailyFact[] =>
    factsOn(p.processingUnitCode, p.completedAt, [
      METRIC.dossierResolved,
      p.timeliness === 'LATE' ? METRIC.dossierResolvedLate : METRIC.dossierResolvedOnTime,
    ]),

  dossierOverdue: (event: EventOf<typeof dossierOverdue>): DailyFact[] =>
    factsOn(event.payload.processingUnitCode, event.occurredAt, [METRIC.dossierWentOverdue]),

  dossierApologyIssued: (event: EventOf<typeof dossierApologyIssued>): DailyFact[] =>
    factsOn(event.payload.processingUnitCode, event.occurredAt, [METRIC.dossierApologyIssued]),

  petitionResolved: ({ payload: p }: EventOf<typeof petitionResolved>): DailyFact[] =>
    factsOn(p.unitCode, p.resolvedAt, p.onTime ? [METRIC.petitionResolved, METRIC.petitionResolvedOnTime] : [METRIC.petitionResolved]),

  /** Escalation is announced once per stage when the running time limit has passed. */
  petitionEscalated: ({ payload: p }: EventOf<typeof petitionEscalated>): DailyFact[] => [
    { unitCode: p.unitCode, day: p.overdueSince, metric: METRIC.petitionWentOverdue, value: 1 },
  ],

  petitionRated: ({ payload: p }: EventOf<typeof petitionRated>): DailyFact[] =>
    factsOn(p.unitCode, p.ratedAt, p.score >= SATISFIED_FROM_SCORE ? [METRIC.ratingReceived, METRIC.ratingSatisfied] : [METRIC.ratingReceived]),

  /** A closed poll: its participants and its roll, both on the close day, so turnout is a sum over polls. */
  pollClosed: ({ payload: p }: EventOf<typeof pollClosed>): DailyFact[] => [
    { unitCode: p.unitCode, day: dayOf(p.closedAt), metric: METRIC.pollBallotsCast, value: p.outcome.turnout.participants },
    { unitCode: p.unitCode, day: dayOf(p.closedAt), metric: METRIC.pollEligibleVoters, value: p.rollSize },
  ],

  /**
   * A reception day the commune chairperson presided (sessions delegated to others do not meet the
   * chairperson's duty). Recorded as a mark, not a count: two sessions on one day are one day held.
   */
  receptionSessionHeld: ({ payload: p }: EventOf<typeof receptionSessionHeld>): DailyFact[] =>
    p.kind === 'CHAIRPERSON' ? [{ unitCode: p.unitCode, day: p.date, metric: METRIC.receptionSessionHeld, value: 1 }] : [],
};
