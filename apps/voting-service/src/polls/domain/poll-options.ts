import type { OptionKind, PollOption, PollOptions } from './poll-types';
import { OPTION_KINDS } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

export const MAX_OPTIONS = 100;
const OPTION_ID = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_LABEL_LENGTH = 300;

/** The fixed options of a yes/no/abstain poll; ABSTAIN counts as taking part, never as agreeing. */
export const YES_NO_ABSTAIN_OPTIONS: readonly PollOption[] = [
  { id: 'YES', label: 'Đồng ý / Agree' },
  { id: 'NO', label: 'Không đồng ý / Disagree' },
  { id: 'ABSTAIN', label: 'Không có ý kiến / Abstain' },
];

export interface PollOptionsInput {
  kind: OptionKind;
  /** Ignored for YES_NO_ABSTAIN; 2..MAX_OPTIONS options with unique ids otherwise. */
  options?: readonly PollOption[];
}

function invalid(en: string, vi: string, details?: Record<string, unknown>): VotingDomainError {
  return new VotingDomainError('INVALID_POLL', en, vi, details);
}

export function pollOptionsOf(input: PollOptionsInput): PollOptions {
  if (!OPTION_KINDS.includes(input?.kind)) {
    throw invalid(`Options kind must be one of ${OPTION_KINDS.join(', ')}`, `Loại phương án phải là một trong ${OPTION_KINDS.join(', ')}`, { field: 'options.kind' });
  }
  if (input.kind === 'YES_NO_ABSTAIN') return { kind: input.kind, options: YES_NO_ABSTAIN_OPTIONS };
  const options = input.options ?? [];
  if (!Array.isArray(options) || options.length < 2 || options.length > MAX_OPTIONS) {
    throw invalid(`A poll needs 2 to ${MAX_OPTIONS} options`, `Cuộc biểu quyết cần từ 2 đến ${MAX_OPTIONS} phương án`, { field: 'options' });
  }
  const seen = new Set<string>();
  const normalized = options.map((option, index) => {
    const id = typeof option?.id === 'string' ? option.id.trim() : '';
    const label = typeof option?.label === 'string' ? option.label.trim() : '';
    if (!OPTION_ID.test(id)) {
      throw invalid('Option ids are 1 to 40 letters, digits, "_" or "-"', 'Mã phương án gồm 1 đến 40 chữ cái, chữ số, "_" hoặc "-"', { field: `options[${index}].id` });
    }
    if (seen.has(id)) throw invalid(`Option id ${id} is used twice`, `Mã phương án ${id} bị trùng`, { field: `options[${index}].id`, id });
    if (label.length === 0 || label.length > MAX_LABEL_LENGTH) {
      throw invalid(`Option labels are 1 to ${MAX_LABEL_LENGTH} characters`, `Tên phương án dài từ 1 đến ${MAX_LABEL_LENGTH} ký tự`, { field: `options[${index}].label` });
    }
    seen.add(id);
    return { id, label };
  });
  return { kind: input.kind, options: normalized };
}

export function hasOption(options: PollOptions, id: string): boolean {
  return options.options.some((option) => option.id === id);
}

/** Refuses a choice that is not one of the poll's options (casting, paper totals, the tally). */
export function assertKnownOption(options: PollOptions, id: string): void {
  if (typeof id !== 'string' || !hasOption(options, id)) {
    throw new VotingDomainError('UNKNOWN_OPTION', `"${String(id)}" is not an option of this poll`, `"${String(id)}" không phải là phương án của cuộc biểu quyết này`, { option: id });
  }
}
