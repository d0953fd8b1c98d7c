import { isValidIdNumber } from '@xaso/text';
import type { Electorate, PollStatus } from './poll-types';
import type { RollEntry } from './roll';
import { VotingDomainError } from './voting-domain-error';

/** What the replacement log keeps: which household, who was replaced by whom and why (never a choice). */
export interface RepresentativeChange {
  readonly householdId: string;
  readonly previousIdNumber: string;
  readonly previousName: string;
  readonly idNumber: string;
  readonly name: string;
  readonly reason: string;
}

export const MAX_REASON_LENGTH = 1000;

export interface ReplacementFacts {
  electorate: Electorate;
  pollStatus: PollStatus;
  /** The household already took part (online or on paper). */
  householdParticipated: boolean;
  /** The new representative is already on this poll's roll (for another household). */
  idNumberOnRoll: boolean;
}

/**
 * Replaces a household's representative, allowed until that household has taken part [issue 10]:
 * in DRAFT or OPEN, on a household roll, by a valid ID number that is not on the roll yet.
 */
export function replaceRepresentative(entry: RollEntry, replacement: { idNumber: string; name: string; reason: string }, facts: ReplacementFacts): { entry: RollEntry; change: RepresentativeChange } {
  if (facts.electorate !== 'HOUSEHOLDS' || entry.householdId === null) {
    throw new VotingDomainError('INVALID_POLL', 'Only a household roll has representatives', 'Chỉ danh sách hộ gia đình mới có người đại diện hộ');
  }
  if (facts.pollStatus !== 'DRAFT' && facts.pollStatus !== 'OPEN') {
    throw new VotingDomainError('ROLL_FROZEN', 'The poll is over; its roll no longer changes', 'Cuộc biểu quyết đã kết thúc; danh sách không thể thay đổi', { status: facts.pollStatus });
  }
  if (facts.householdParticipated) {
    throw new VotingDomainError('REPRESENTATIVE_ALREADY_PARTICIPATED', 'The household has already taken part; its representative can no longer be replaced', 'Hộ gia đình đã tham gia biểu quyết; không thể thay người đại diện', { householdId: entry.householdId });
  }
  const idNumber = typeof replacement?.idNumber === 'string' ? replacement.idNumber.trim() : '';
  const name = typeof replacement?.name === 'string' ? replacement.name.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  if (!isValidIdNumber(idNumber)) {
    throw new VotingDomainError('ROLL_INVALID', 'The ID number must be 12 digits starting with a province code', 'Số định danh cá nhân phải gồm 12 chữ số, bắt đầu bằng mã tỉnh', { field: 'idNumber' });
  }
  if (name.length === 0 || name.length > 200) {
    throw new VotingDomainError('ROLL_INVALID', 'The name must be 1 to 200 characters', 'Họ tên phải dài từ 1 đến 200 ký tự', { field: 'name' });
  }
  const reason = typeof replacement?.reason === 'string' ? replacement.reason.normalize('NFC').trim() : '';
  if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
    throw new VotingDomainError('REASON_REQUIRED', `Say why the representative changes (1 to ${MAX_REASON_LENGTH} characters)`, `Cần ghi lý do thay người đại diện hộ (1 đến ${MAX_REASON_LENGTH} ký tự)`, { field: 'reason' });
  }
  if (idNumber === entry.idNumber || facts.idNumberOnRoll) {
    throw new VotingDomainError('ROLL_INVALID', 'This person is already on the roll', 'Người này đã có trong danh sách', { field: 'idNumber' });
  }
  return {
    entry: { ...entry, idNumber, name },
    change: { householdId: entry.householdId, previousIdNumber: entry.idNumber, previousName: entry.name, idNumber, name, reason },
  };
}
