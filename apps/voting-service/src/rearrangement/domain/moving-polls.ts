/**
 * What a rearrangement moves in voting-service (issue 12): a DRAFT poll (with its roll, which
 * belongs to the poll) goes to the successor; a poll that has opened (OPEN, CLOSED, CERTIFIED) or
 * was cancelled finishes and stays under the unit it was held in, counted for the successor as
 * carried over — its roll, ballots and board are never touched. For a divided commune a DRAFT poll
 * goes by the village it names; a commune-wide draft goes to the review queue. An OPEN poll held in
 * a village of a divided commune closes by rule when the plan applies (the village leaves the
 * commune it was called in): its result is computed as at any close, the reason recorded. Pure.
 */
export const POLL_RECORD_TYPE = 'poll';

/** Polls that move with their unit (nothing has been cast yet). */
export const MOVING_POLL_STATUSES: readonly string[] = ['DRAFT'];

/** Polls that stay with their unit (voting began or the poll was cancelled). */
export const STAYING_POLL_STATUSES: readonly string[] = ['OPEN', 'CLOSED', 'CERTIFIED', 'CANCELLED'];

/** The recorded reason of a poll closed by a rearrangement (Vietnamese, then English). */
export function closedByRearrangementReason(planId: string, villageCode: string, sourceCode: string): string {
  return `Sắp xếp đơn vị hành chính (phương án ${planId}): thôn/tổ ${villageCode} không còn thuộc ${sourceCode} / Administrative rearrangement (plan ${planId}): village ${villageCode} left ${sourceCode}`;
}
