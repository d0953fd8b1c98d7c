import type { Channel, FrozenRoll, Poll, PollStatus } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

/** DRAFT → OPEN → CLOSED → CERTIFIED; DRAFT or OPEN → CANCELLED (with a reason). Nothing leaves CERTIFIED or CANCELLED. */
export const POLL_TRANSITIONS: Readonly<Record<PollStatus, readonly PollStatus[]>> = {
  DRAFT: ['OPEN', 'CANCELLED'],
  OPEN: ['CLOSED', 'CANCELLED'],
  CLOSED: ['CERTIFIED'],
  CERTIFIED: [],
  CANCELLED: [],
};

export const MAX_CANCEL_REASON_LENGTH = 2000;

export function canTransition(from: PollStatus, to: PollStatus): boolean {
  return POLL_TRANSITIONS[from].includes(to);
}

export function assertTransition(poll: Poll, to: PollStatus): void {
  if (!canTransition(poll.status, to)) {
    throw new VotingDomainError('INVALID_TRANSITION', `A ${poll.status} poll cannot become ${to}`, `Cuộc biểu quyết ở trạng thái ${poll.status} không thể chuyển sang ${to}`, { from: poll.status, to });
  }
}

/** Opens the poll with its roll frozen: size N ≥ 1 and hash are published; it must still be before closesAt. */
export function openPoll(poll: Poll, roll: FrozenRoll, now: Date): Poll {
  assertTransition(poll, 'OPEN');
  if (!Number.isInteger(roll?.size) || roll.size < 1 || !/^[0-9a-f]{64}$/.test(roll.hash ?? '')) {
    throw new VotingDomainError('ROLL_EMPTY', 'A poll opens only with a non-empty roll', 'Chỉ mở cuộc biểu quyết khi đã có danh sách cử tri/hộ gia đình');
  }
  if (now.getTime() >= poll.closesAt.getTime()) {
    throw new VotingDomainError('POLL_NOT_DUE', 'The poll cannot open after its closing time', 'Không thể mở cuộc biểu quyết sau thời điểm đóng');
  }
  return { ...poll, status: 'OPEN', roll: { size: roll.size, hash: roll.hash } };
}

/** Closes at or after closesAt only: closing early would cut voters off. */
export function closePoll(poll: Poll, now: Date): Poll {
  assertTransition(poll, 'CLOSED');
  if (now.getTime() < poll.closesAt.getTime()) {
    throw new VotingDomainError('POLL_NOT_DUE', `The poll closes at ${poll.closesAt.toISOString()}`, `Cuộc biểu quyết chỉ được đóng từ ${poll.closesAt.toISOString()}`, { closesAt: poll.closesAt.toISOString() });
  }
  return { ...poll, status: 'CLOSED' };
}

/**
 * A rearrangement took the poll's village out of its commune (divided away or abolished): the
 * poll closes now, before closesAt, by rule, with the reason recorded; its result is computed as
 * at any close.
 */
export function closePollByRule(poll: Poll, reason: string): Poll {
  assertTransition(poll, 'CLOSED');
  return { ...poll, status: 'CLOSED', closeReason: reason };
}

export function certifyPoll(poll: Poll): Poll {
  assertTransition(poll, 'CERTIFIED');
  return { ...poll, status: 'CERTIFIED' };
}

export function cancelPoll(poll: Poll, reason: string): Poll {
  assertTransition(poll, 'CANCELLED');
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length === 0 || trimmed.length > MAX_CANCEL_REASON_LENGTH) {
    throw new VotingDomainError('REASON_REQUIRED', `Cancelling needs a reason of 1 to ${MAX_CANCEL_REASON_LENGTH} characters`, `Hủy cuộc biểu quyết phải nêu lý do (1 đến ${MAX_CANCEL_REASON_LENGTH} ký tự)`);
  }
  return { ...poll, status: 'CANCELLED', cancelReason: trimmed };
}

/** Casting (online) or recording paper participation: the poll is OPEN, within [opensAt, closesAt), and offers that channel. */
export function assertAcceptsBallots(poll: Poll, channel: Channel, now: Date): void {
  const t = now.getTime();
  if (poll.status !== 'OPEN' || t < poll.opensAt.getTime() || t >= poll.closesAt.getTime()) {
    throw new VotingDomainError('POLL_NOT_OPEN', 'The poll is not open for voting now', 'Cuộc biểu quyết hiện không mở để biểu quyết', { status: poll.status });
  }
  if (!poll.channels.includes(channel)) {
    throw new VotingDomainError('CHANNEL_NOT_OFFERED', `This poll has no ${channel} channel`, `Cuộc biểu quyết này không có hình thức ${channel === 'ONLINE' ? 'trực tuyến' : 'phiếu giấy'}`, { channel });
  }
}

/** Results are hidden from everyone, officers and admins included, until the poll is closed. */
export function resultsVisible(poll: Pick<Poll, 'status'>): boolean {
  return poll.status === 'CLOSED' || poll.status === 'CERTIFIED';
}

/**
 * From close, the result and the board are there for everyone signed in (voters check their
 * receipts); once the chairperson certifies, for anyone, without a login.
 */
export function assertResultsVisible(poll: Pick<Poll, 'status'>, viewer: { signedIn: boolean } = { signedIn: true }): void {
  if (resultsVisible(poll) && !viewer.signedIn && poll.status !== 'CERTIFIED') {
    throw new VotingDomainError(
      'RESULTS_NOT_CERTIFIED',
      'The result is public once the chairperson certifies it; sign in to see it before that',
      'Kết quả được công khai khi Chủ tịch xác nhận; trước đó cần đăng nhập để xem',
      { status: poll.status },
    );
  }
  if (!resultsVisible(poll)) {
    throw new VotingDomainError('RESULTS_HIDDEN', 'Results are published when the poll closes', 'Kết quả chỉ được công bố khi cuộc biểu quyết kết thúc', { status: poll.status });
  }
}
