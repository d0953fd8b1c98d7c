/**
 * Names of the per-commune, per-day facts the event consumers record (all are counts of things
 * that happened that day, so any period's value is a plain sum). What "happened" means:
 * - dossier.*: from dossier-service events (received, received online, resolved, resolved on
 *   time / late, went overdue while pending = `dossier.overdue`, apology letter issued).
 * - petition.*: from petition-service events (resolved, resolved on time, went overdue).
 * - rating.*: citizen ratings of a dossier or petition (received, satisfied = 4–5 of 5).
 * - reception.*: days the commune chairperson received citizens (`reception-session.held`, one per
 *   day), and the days required by law — not stored, placed by `requiredReceptionFacts` at read time.
 * - poll.*: grassroots polls (ballots cast, voters on the roll), counted on the close day.
 */
export const METRIC = {
  dossierReceived: 'dossier.received',
  dossierReceivedOnline: 'dossier.receivedOnline',
  dossierResolved: 'dossier.resolved',
  dossierResolvedOnTime: 'dossier.resolvedOnTime',
  dossierResolvedLate: 'dossier.resolvedLate',
  dossierWentOverdue: 'dossier.wentOverdue',
  dossierApologyIssued: 'dossier.apologyIssued',
  petitionResolved: 'petition.resolved',
  petitionResolvedOnTime: 'petition.resolvedOnTime',
  petitionWentOverdue: 'petition.wentOverdue',
  ratingReceived: 'rating.received',
  ratingSatisfied: 'rating.satisfied',
  receptionSessionHeld: 'reception.sessionHeld',
  receptionSessionRequired: 'reception.sessionRequired',
  pollBallotsCast: 'poll.ballotsCast',
  pollEligibleVoters: 'poll.eligibleVoters',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Metrics placed by a legal schedule at read time rather than recorded from events (they do not make a day "with facts"). */
export const SCHEDULED_METRICS: ReadonlySet<string> = new Set<string>([METRIC.receptionSessionRequired]);
