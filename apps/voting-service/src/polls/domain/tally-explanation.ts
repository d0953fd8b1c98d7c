import type { TallyInput } from './tally-input';
import type { TallyResult } from './tally';

type Unexplained = Omit<TallyResult, 'explanation'>;

/** A percentage with at most 2 decimals, as each language writes it: 33.33 / 33,33. */
export function formatPercent(part: number, whole: number, decimalSeparator: '.' | ','): string {
  const value = whole === 0 ? 0 : Math.round((part * 10_000) / whole) / 100;
  return String(value).replace('.', decimalSeparator);
}

const formatRule = (percent: number, sep: '.' | ','): string => String(percent).replace('.', sep);

/** The human-readable, bilingual account of which rule applied and why the poll passed or not. */
export function explain(result: Unexplained, input: TallyInput, leaderVotes: number): { en: string; vi: string } {
  const households = input.electorate === 'HOUSEHOLDS';
  const unitEn = households ? 'households' : 'voters';
  const unitVi = households ? 'hộ' : 'cử tri';
  const { rule, base, turnout } = result;
  const n = result.rollSize;
  const baseEn = base.passBasis === 'ROLL' ? `the ${n} ${unitEn} on the roll` : `the ${base.size} participating ${unitEn}`;
  const baseVi = base.passBasis === 'ROLL' ? `tổng số ${n} ${unitVi} trong danh sách` : `${base.size} ${unitVi} tham gia`;
  const ruleEn = `the rule requires more than ${formatRule(rule.passPercent, '.')}% of ${base.passBasis === 'ROLL' ? 'the roll' : 'the participants'}`;
  const ruleVi = `quy định cần trên ${formatRule(rule.passPercent, ',')}% ${base.passBasis === 'ROLL' ? `tổng số ${unitVi} trong danh sách` : `số ${unitVi} tham gia`}`;
  const quorumEn = rule.quorumPercent === null ? '' : ` Quorum: ${turnout.participants} of ${n} took part (${formatPercent(turnout.participants, n, '.')}%), at least ${formatRule(rule.quorumPercent, '.')}% required.`;
  const quorumVi = rule.quorumPercent === null ? '' : ` Tỷ lệ tham gia: ${turnout.participants}/${n} (${formatPercent(turnout.participants, n, ',')}%), yêu cầu tối thiểu ${formatRule(rule.quorumPercent, ',')}%.`;

  if (!result.quorumMet) {
    return {
      en: `Not passed: the quorum was not met.${quorumEn}`,
      vi: `Không thông qua: không đạt tỷ lệ tham gia tối thiểu.${quorumVi}`,
    };
  }
  const pctEn = formatPercent(leaderVotes, base.size, '.');
  const pctVi = formatPercent(leaderVotes, base.size, ',');
  if (input.options.kind === 'YES_NO_ABSTAIN') {
    return {
      en: `${result.passed ? 'Passed' : 'Not passed'}: ${leaderVotes} of ${baseEn} agreed (${pctEn}%); ${ruleEn}.${quorumEn}`,
      vi: `${result.passed ? 'Thông qua' : 'Không thông qua'}: ${leaderVotes}/${baseVi} đồng ý (${pctVi}%); ${ruleVi}.${quorumVi}`,
    };
  }
  const label = (id: string): string => input.options.options.find((o) => o.id === id)?.label ?? id;
  if (result.leader === null) {
    const tied = result.tiedOptions.map(label);
    return result.tiedOptions.length > 0
      ? { en: `No winner: ${tied.join(', ')} are tied with ${leaderVotesOfTie(result)} votes each; ${ruleEn}.${quorumEn}`, vi: `Không có người/phương án trúng: ${tied.join(', ')} bằng phiếu nhau (${leaderVotesOfTie(result)} phiếu); ${ruleVi}.${quorumVi}` }
      : { en: `No winner: no votes for any option; ${ruleEn}.${quorumEn}`, vi: `Không có người/phương án trúng: không có phiếu cho phương án nào; ${ruleVi}.${quorumVi}` };
  }
  return {
    en: `${result.passed ? `Chosen: ${label(result.leader)}` : `No winner: ${label(result.leader)} leads`} with ${leaderVotes} of ${baseEn} (${pctEn}%); ${ruleEn}.${quorumEn}`,
    vi: `${result.passed ? `Trúng: ${label(result.leader)}` : `Không có người/phương án trúng: ${label(result.leader)} dẫn đầu`} với ${leaderVotes}/${baseVi} (${pctVi}%); ${ruleVi}.${quorumVi}`,
  };
}

function leaderVotesOfTie(result: Unexplained): number {
  return result.counts.find((c) => c.optionId === result.tiedOptions[0])?.total ?? 0;
}
