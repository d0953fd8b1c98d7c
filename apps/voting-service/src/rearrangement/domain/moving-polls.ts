/**
 * What a rearrangement moves in voting-service (issue 12): a DRAFT poll (with its roll, which
 * belongs to the poll) goes to the successor; a poll that has opened (OPEN, CLOSED, CERTIFIED) or
 * was cancelled finishes and stays under the unit it was held in, counted for the successor as
 * carried over — its roll, ballots and board are never touched. For a divided commune a DRAFT poll
 * goes by the village it names; a commune-wide draft goes to the review queue. Pure.
 */
export const POLL_RECORD_TYPE = 'poll';

/** Polls that move with their unit (nothing has been cast yet). */
export const MOVING_POLL_STATUSES: readonly string[] = ['DRAFT'];

/** Polls that stay with their unit (voting began or the poll was cancelled). */
export const STAYING_POLL_STATUSES: readonly string[] = ['OPEN', 'CLOSED', 'CERTIFIED', 'CANCELLED'];
