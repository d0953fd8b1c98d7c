import type { Electorate, PassRule, PollOptions } from './poll-types';
import { assertKnownOption } from './poll-options';
import { VotingDomainError } from './voting-domain-error';

/** The paper box as the counting board counted it: valid ballots per option plus spoiled ones. */
export interface PaperCount {
  readonly totals: Readonly<Record<string, number>>;
  readonly spoiled: number;
}

export interface TallyInput {
  /** N, the size of the frozen roll. */
  readonly rollSize: number;
  readonly electorate: Electorate;
  readonly options: PollOptions;
  readonly rule: PassRule;
  /** The choice of every online ballot (the board's choices; no voter). */
  readonly onlineChoices: readonly string[];
  /** Null when nothing was cast on paper. */
  readonly paper: PaperCount | null;
  /** How many roll entries took part on each channel (from the participation list, no choice). */
  readonly participation: { readonly online: number; readonly paper: number };
}

function refuse(en: string, vi: string, details?: Record<string, unknown>): never {
  throw new VotingDomainError('INVALID_TALLY_INPUT', en, vi, details);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The consistency a tally needs: N ≥ 1, participants ≤ N, one online ballot per online participant, no more paper ballots than paper participants. */
export function assertTallyInput(input: TallyInput): void {
  if (!isCount(input.rollSize) || input.rollSize === 0) refuse('The roll size N must be a whole number of at least 1', 'Số người/hộ trong danh sách (N) phải là số nguyên từ 1 trở lên', { rollSize: input.rollSize });
  const { online, paper } = input.participation ?? ({} as TallyInput['participation']);
  if (!isCount(online) || !isCount(paper)) refuse('Participation counts must be whole numbers of at least 0', 'Số lượt tham gia phải là số nguyên không âm');
  if (online + paper > input.rollSize) refuse('More took part than are on the roll', 'Số tham gia nhiều hơn số trong danh sách', { participants: online + paper, rollSize: input.rollSize });
  if (!Array.isArray(input.onlineChoices) || input.onlineChoices.length !== online) {
    refuse('There must be exactly one online ballot per online participant', 'Mỗi lượt tham gia trực tuyến phải có đúng một phiếu', { ballots: input.onlineChoices?.length, participants: online });
  }
  if (input.paper === null) {
    if (paper > 0) refuse('Paper participation was recorded but the paper count is missing', 'Đã ghi nhận tham gia bằng phiếu giấy nhưng chưa có kết quả kiểm phiếu', { participants: paper });
    return;
  }
  if (!isCount(input.paper.spoiled)) refuse('Spoiled ballots must be a whole number of at least 0', 'Số phiếu không hợp lệ phải là số nguyên không âm');
  let ballots = input.paper.spoiled;
  for (const [option, count] of Object.entries(input.paper.totals ?? {})) {
    assertKnownOption(input.options, option);
    if (!isCount(count)) refuse(`The paper total of ${option} must be a whole number of at least 0`, `Số phiếu giấy của ${option} phải là số nguyên không âm`, { option });
    ballots += count;
  }
  if (ballots > paper) refuse('The paper box holds more ballots than took part on paper', 'Số phiếu giấy trong hòm nhiều hơn số người/hộ tham gia bằng phiếu giấy', { ballots, participants: paper });
}
