import type { PassBasis, PassRule } from './poll-types';
import { PASS_BASES } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

/** Households decide by more than 50% of all households on the roll unless the poll says otherwise [DESIGN "Online voting"]. */
export const DEFAULT_PASS_RULE: PassRule = { passBasis: 'ROLL', passPercent: 50, quorumPercent: null };

export interface PassRuleInput {
  passBasis?: PassBasis;
  passPercent?: number;
  quorumPercent?: number | null;
}

/** Percentages with at most two decimals, so thresholds compare exactly in integers (hundredths of a percent). */
function isPercent(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;
}

function invalid(field: string, en: string, vi: string): VotingDomainError {
  return new VotingDomainError('INVALID_POLL', en, vi, { field });
}

export function passRuleOf(input: PassRuleInput | undefined | null): PassRule {
  const passBasis = input?.passBasis ?? DEFAULT_PASS_RULE.passBasis;
  const passPercent = input?.passPercent ?? DEFAULT_PASS_RULE.passPercent;
  const quorumPercent = input?.quorumPercent ?? null;
  if (!PASS_BASES.includes(passBasis)) throw invalid('rule.passBasis', 'The pass basis must be ROLL or PARTICIPANTS', 'Cơ sở tính tỷ lệ phải là ROLL hoặc PARTICIPANTS');
  // "More than p%": p = 100 could never pass, p = 0 would pass on one vote of an empty basis.
  if (!isPercent(passPercent, 0, 99.99) || passPercent <= 0) {
    throw invalid('rule.passPercent', 'The pass percentage must be above 0 and below 100 (at most 2 decimals)', 'Tỷ lệ thông qua phải lớn hơn 0 và nhỏ hơn 100 (tối đa 2 chữ số thập phân)');
  }
  if (quorumPercent !== null && (!isPercent(quorumPercent, 0, 100) || quorumPercent <= 0)) {
    throw invalid('rule.quorumPercent', 'The quorum must be above 0 and at most 100 percent (at most 2 decimals)', 'Tỷ lệ tham gia tối thiểu phải lớn hơn 0 và không quá 100 (tối đa 2 chữ số thập phân)');
  }
  return { passBasis, passPercent, quorumPercent };
}

/** The percentage in hundredths, as an integer: 50 → 5000, 66.67 → 6667. */
export function hundredths(percent: number): number {
  return Math.round(percent * 100);
}
