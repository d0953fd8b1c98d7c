/**
 * Names of the per-commune, per-day facts the event consumers record (all are counts of things
 * that happened that day, so any period's value is a plain sum). What "happened" means:
 * - dossier.*: from dossier-service events (received, received online, resolved, resolved on
 *   time / late, went overdue while pending = `dossier.overdue`, apology letter issued).
 * - petition.*: from petition-service events (resolved, resolved on time, went overdue).
 * - rating.*: citizen ratings of a dossier or petition (received, satisfied = 4–5 of 5).
 * - reception.*: citizen reception sessions (held, required by the schedule).
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
