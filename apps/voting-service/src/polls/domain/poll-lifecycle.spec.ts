import { newPoll } from './poll-draft';
import { draft } from '../../../test/poll-drafts';
import {
  POLL_TRANSITIONS, assertAcceptsBallots, assertResultsVisible, cancelPoll, canTransition, certifyPoll, closePoll, closePollByRule, openPoll, resultsVisible,
} from './poll-lifecycle';
import { assertMay, ROLES_OF_ACTION, type PollAction } from './poll-permissions';
import { POLL_STATUSES, type Poll, type PollStatus } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

const ROLL = { size: 120, hash: 'a'.repeat(64) };
const BEFORE_OPEN = new Date('2026-12-09T00:00:00Z');
const DURING = new Date('2026-12-11T00:00:00Z');
const AT_CLOSE = new Date('2026-12-12T10:00:00Z');

const withStatus = (status: PollStatus): Poll => ({ ...newPoll('p', draft()), status });

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof VotingDomainError) return e.code;
    throw e;
  }
  return 'NO_ERROR';
}

describe('poll state machine', () => {
  it('allows exactly DRAFT→OPEN→CLOSED→CERTIFIED and cancelling from DRAFT or OPEN', () => {
    const allowed = POLL_STATUSES.flatMap((from) => POLL_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(['CLOSED->CERTIFIED', 'DRAFT->CANCELLED', 'DRAFT->OPEN', 'OPEN->CANCELLED', 'OPEN->CLOSED'].sort());
    expect(POLL_TRANSITIONS.CERTIFIED).toEqual([]);
  });

  it('runs a poll through its whole life, freezing the roll when it opens', () => {
    const open = openPoll(newPoll('p', draft()), ROLL, BEFORE_OPEN);
    expect(open).toMatchObject({ status: 'OPEN', roll: ROLL });
    const closed = closePoll(open, AT_CLOSE);
    expect(closed.status).toBe('CLOSED');
    expect(certifyPoll(closed).status).toBe('CERTIFIED');
  });

  it('refuses every other transition with INVALID_TRANSITION', () => {
    for (const status of ['OPEN', 'CLOSED', 'CERTIFIED', 'CANCELLED'] as const) expect(codeOf(() => openPoll(withStatus(status), ROLL, BEFORE_OPEN))).toBe('INVALID_TRANSITION');
    for (const status of ['DRAFT', 'CLOSED', 'CERTIFIED', 'CANCELLED'] as const) expect(codeOf(() => closePoll(withStatus(status), AT_CLOSE))).toBe('INVALID_TRANSITION');
    for (const status of ['DRAFT', 'OPEN', 'CERTIFIED', 'CANCELLED'] as const) expect(codeOf(() => certifyPoll(withStatus(status)))).toBe('INVALID_TRANSITION');
    for (const status of ['CLOSED', 'CERTIFIED', 'CANCELLED'] as const) expect(codeOf(() => cancelPoll(withStatus(status), 'lý do'))).toBe('INVALID_TRANSITION');
  });

  it('opens only with a non-empty roll and before closesAt', () => {
    const poll = newPoll('p', draft());
    expect(codeOf(() => openPoll(poll, { size: 0, hash: 'a'.repeat(64) }, BEFORE_OPEN))).toBe('ROLL_EMPTY');
    expect(codeOf(() => openPoll(poll, { size: 3, hash: 'nothex' }, BEFORE_OPEN))).toBe('ROLL_EMPTY');
    expect(codeOf(() => openPoll(poll, ROLL, AT_CLOSE))).toBe('POLL_NOT_DUE');
    expect(openPoll(poll, ROLL, DURING).status).toBe('OPEN');
  });

  it('closes only from closesAt on', () => {
    const open = openPoll(newPoll('p', draft()), ROLL, BEFORE_OPEN);
    expect(codeOf(() => closePoll(open, new Date(AT_CLOSE.getTime() - 1)))).toBe('POLL_NOT_DUE');
    expect(closePoll(open, AT_CLOSE).status).toBe('CLOSED');
  });

  it('closes an OPEN poll by rule before closesAt (a rearrangement took its village), with the reason; nothing else', () => {
    const open = openPoll(newPoll('p', draft()), ROLL, BEFORE_OPEN);
    expect(closePollByRule(open, 'village left')).toMatchObject({ status: 'CLOSED', closeReason: 'village left' });
    for (const status of ['DRAFT', 'CLOSED', 'CERTIFIED', 'CANCELLED'] as const) expect(codeOf(() => closePollByRule(withStatus(status), 'x'))).toBe('INVALID_TRANSITION');
  });

  it('cancels from DRAFT or OPEN with a trimmed reason, refuses an empty or too long one', () => {
    expect(cancelPoll(withStatus('DRAFT'), '  trùng lịch  ')).toMatchObject({ status: 'CANCELLED', cancelReason: 'trùng lịch' });
    expect(cancelPoll(withStatus('OPEN'), 'sai danh sách').status).toBe('CANCELLED');
    expect(codeOf(() => cancelPoll(withStatus('OPEN'), '   '))).toBe('REASON_REQUIRED');
    expect(codeOf(() => cancelPoll(withStatus('OPEN'), undefined as never))).toBe('REASON_REQUIRED');
    expect(codeOf(() => cancelPoll(withStatus('OPEN'), 'x'.repeat(2001)))).toBe('REASON_REQUIRED');
  });

  it('accepts ballots only while OPEN, inside [opensAt, closesAt), on an offered channel', () => {
    const open = openPoll(newPoll('p', draft({ channels: ['ONLINE'] })), ROLL, BEFORE_OPEN);
    expect(() => assertAcceptsBallots(open, 'ONLINE', DURING)).not.toThrow();
    expect(() => assertAcceptsBallots(open, 'ONLINE', open.opensAt)).not.toThrow();
    expect(codeOf(() => assertAcceptsBallots(open, 'ONLINE', BEFORE_OPEN))).toBe('POLL_NOT_OPEN');
    expect(codeOf(() => assertAcceptsBallots(open, 'ONLINE', AT_CLOSE))).toBe('POLL_NOT_OPEN');
    expect(codeOf(() => assertAcceptsBallots(withStatus('DRAFT'), 'ONLINE', DURING))).toBe('POLL_NOT_OPEN');
    expect(codeOf(() => assertAcceptsBallots(closePoll(open, AT_CLOSE), 'ONLINE', DURING))).toBe('POLL_NOT_OPEN');
    expect(codeOf(() => assertAcceptsBallots(open, 'PAPER', DURING))).toBe('CHANNEL_NOT_OFFERED');
  });

  it('shows results only once CLOSED or CERTIFIED', () => {
    expect(POLL_STATUSES.filter((status) => resultsVisible({ status }))).toEqual(['CLOSED', 'CERTIFIED']);
    for (const status of ['DRAFT', 'OPEN', 'CANCELLED'] as const) expect(codeOf(() => assertResultsVisible({ status }))).toBe('RESULTS_HIDDEN');
    expect(codeOf(() => assertResultsVisible({ status: 'CLOSED' }))).toBe('NO_ERROR');
    // after close for those signed in; without a login only once certified
    expect(codeOf(() => assertResultsVisible({ status: 'CLOSED' }, { signedIn: false }))).toBe('RESULTS_NOT_CERTIFIED');
    expect(codeOf(() => assertResultsVisible({ status: 'CERTIFIED' }, { signedIn: false }))).toBe('NO_ERROR');
    expect(codeOf(() => assertResultsVisible({ status: 'OPEN' }, { signedIn: false }))).toBe('RESULTS_HIDDEN');
  });
});

describe('who may do what', () => {
  const poll = { unitCode: '00004' };
  const officer = { roles: ['OFFICER'], unitCode: '00004' };
  const leader = { roles: ['LEADER'], unitCode: '00004' };
  const officers: PollAction[] = ['create', 'update', 'importRoll', 'open', 'close', 'cancel', 'recordPaper', 'replaceRepresentative'];

  it('lets officers of the commune run the poll and only its LEADER certify', () => {
    for (const action of officers) {
      expect(codeOf(() => assertMay(officer, action, poll))).toBe('NO_ERROR');
      expect(codeOf(() => assertMay(leader, action, poll))).toBe('ROLE_NOT_ALLOWED');
    }
    expect(codeOf(() => assertMay(leader, 'certify', poll))).toBe('NO_ERROR');
    expect(codeOf(() => assertMay(officer, 'certify', poll))).toBe('ROLE_NOT_ALLOWED');
    expect(codeOf(() => assertMay(leader, 'viewRollChanges', poll))).toBe('NO_ERROR');
    expect(codeOf(() => assertMay(officer, 'viewRollChanges', poll))).toBe('NO_ERROR');
    expect(Object.keys(ROLES_OF_ACTION).sort()).toEqual([...officers, 'certify', 'viewRollChanges'].sort());
  });

  it('refuses citizens, admins, agencies and province officers every action', () => {
    for (const role of ['CITIZEN', 'ADMIN', 'AGENCY', 'PROVINCE_OFFICER']) {
      for (const action of [...officers, 'certify', 'viewRollChanges'] as PollAction[]) expect(codeOf(() => assertMay({ roles: [role], unitCode: '00004' }, action, poll))).toBe('ROLE_NOT_ALLOWED');
    }
  });

  it('refuses staff of another commune, or without a commune, with OUT_OF_UNIT_SCOPE', () => {
    expect(codeOf(() => assertMay({ roles: ['OFFICER'], unitCode: '00007' }, 'open', poll))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(() => assertMay({ roles: ['LEADER'], unitCode: null }, 'certify', poll))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(() => assertMay({ roles: ['OFFICER'] }, 'create', poll))).toBe('OUT_OF_UNIT_SCOPE');
  });

  it('uses forbidden as the kind of both refusals', () => {
    try {
      assertMay({ roles: ['CITIZEN'] }, 'open', poll);
    } catch (e) {
      expect((e as VotingDomainError).kind).toBe('forbidden');
      expect((e as VotingDomainError).httpStatus).toBe(403);
    }
    expect.assertions(2);
  });
});
