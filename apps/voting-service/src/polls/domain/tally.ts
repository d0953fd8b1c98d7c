import { hundredths } from './pass-rule';
import type { PassBasis, PassRule } from './poll-types';
import { assertTallyInput, type TallyInput } from './tally-input';
import { explain } from './tally-explanation';
import { VotingDomainError } from './voting-domain-error';

export interface OptionCount {
  readonly optionId: string;
  readonly online: number;
  readonly paper: number;
  readonly total: number;
}

export interface Turnout {
  readonly participants: number;
  readonly online: number;
  readonly paper: number;
  /** Fractions of the roll N (0..1). */
  readonly rate: number;
  readonly onlineRate: number;
  readonly paperRate: number;
}

export interface TallyResult {
  readonly rollSize: number;
  readonly turnout: Turnout;
  readonly counts: readonly OptionCount[];
  readonly spoiled: number;
  readonly rule: PassRule;
  /** What "more than passPercent" was measured against: N (ROLL) or the participants (PARTICIPANTS). */
  readonly base: { readonly passBasis: PassBasis; readonly size: number };
  readonly quorumMet: boolean;
  /** YES for YES_NO_ABSTAIN; the option with the most votes for CANDIDATES/LIST; null on a tie or with no votes. */
  readonly leader: string | null;
  /** The options tied for the most votes (empty unless there is a tie). */
  readonly tiedOptions: readonly string[];
  readonly passed: boolean;
  /** The elected option or chosen alternative (CANDIDATES/LIST) when passed, else null. */
  readonly winner: string | null;
  readonly explanation: { readonly en: string; readonly vi: string };
}

/** Exact "more than p%": votes / base > p / 100, compared in integers (p in hundredths). */
export function moreThanPercent(votes: number, base: number, percent: number): boolean {
  return votes * 10_000 > hundredths(percent) * base;
}

export function atLeastPercent(part: number, whole: number, percent: number): boolean {
  return part * 10_000 >= hundredths(percent) * whole;
}

function countsOf(input: TallyInput): OptionCount[] {
  const online = new Map<string, number>(input.options.options.map((o) => [o.id, 0]));
  for (const choice of input.onlineChoices) {
    const current = online.get(choice);
    if (current === undefined) {
      throw new VotingDomainError('UNKNOWN_OPTION', `An online ballot holds "${choice}", not an option of this poll`, `Có phiếu trực tuyến chọn "${choice}", không phải phương án của cuộc biểu quyết`, { option: choice });
    }
    online.set(choice, current + 1);
  }
  return input.options.options.map(({ id }) => {
    const paper = input.paper?.totals[id] ?? 0;
    const o = online.get(id) ?? 0;
    return { optionId: id, online: o, paper, total: o + paper };
  });
}

/** The option(s) with the most votes; none when nobody voted for any option. */
function topOf(counts: readonly OptionCount[], candidates: readonly string[]): string[] {
  const eligible = counts.filter((c) => candidates.includes(c.optionId));
  const top = Math.max(0, ...eligible.map((c) => c.total));
  return top === 0 ? [] : eligible.filter((c) => c.total === top).map((c) => c.optionId);
}

/**
 * The pure tally of a closed poll. YES_NO_ABSTAIN passes when YES is more than passPercent of the
 * basis (N for ROLL, participants for PARTICIPANTS); abstentions and spoiled ballots count as taking
 * part, never as agreeing. CANDIDATES/LIST: the option with the most votes, none on a tie, and it
 * must itself be more than passPercent of the basis. Either way the quorum (at least quorumPercent
 * of N taking part) must be met.
 */
export function tally(input: TallyInput): TallyResult {
  assertTallyInput(input);
  const counts = countsOf(input);
  const { online, paper } = input.participation;
  const participants = online + paper;
  const n = input.rollSize;
  const turnout: Turnout = { participants, online, paper, rate: participants / n, onlineRate: online / n, paperRate: paper / n };
  const rule = input.rule;
  const base = { passBasis: rule.passBasis, size: rule.passBasis === 'ROLL' ? n : participants };
  const quorumMet = rule.quorumPercent === null || atLeastPercent(participants, n, rule.quorumPercent);
  const yesNo = input.options.kind === 'YES_NO_ABSTAIN';
  const top = yesNo ? ['YES'] : topOf(counts, input.options.options.map((o) => o.id));
  const leader = top.length === 1 ? top[0] : null;
  const leaderVotes = leader === null ? 0 : (counts.find((c) => c.optionId === leader)?.total ?? 0);
  const passed = quorumMet && leader !== null && moreThanPercent(leaderVotes, base.size, rule.passPercent);
  const result = {
    rollSize: n,
    turnout,
    counts,
    spoiled: input.paper?.spoiled ?? 0,
    rule,
    base,
    quorumMet,
    leader,
    tiedOptions: top.length > 1 ? top : [],
    passed,
    winner: passed && !yesNo ? leader : null,
  };
  return { ...result, explanation: explain(result, input, leaderVotes) };
}
