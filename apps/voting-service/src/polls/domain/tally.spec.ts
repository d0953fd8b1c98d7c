import { passRuleOf, type PassRuleInput } from './pass-rule';
import { pollOptionsOf } from './poll-options';
import type { Electorate } from './poll-types';
import { atLeastPercent, moreThanPercent, tally } from './tally';
import { formatPercent } from './tally-explanation';
import type { PaperCount, TallyInput } from './tally-input';
import { VotingDomainError } from './voting-domain-error';

const YES_NO = pollOptionsOf({ kind: 'YES_NO_ABSTAIN' });
const CANDIDATES = pollOptionsOf({ kind: 'CANDIDATES', options: [{ id: 'A', label: 'Nguyễn Văn A' }, { id: 'B', label: 'Trần Thị B' }, { id: 'C', label: 'Lê Văn C' }] });
const votes = (spec: Record<string, number>): string[] => Object.entries(spec).flatMap(([choice, count]) => Array<string>(count).fill(choice));

interface Case {
  n: number;
  online?: Record<string, number>;
  paper?: PaperCount | null;
  paperParticipants?: number;
  rule?: PassRuleInput;
  candidates?: boolean;
  electorate?: Electorate;
}

function input({ n, online = {}, paper = null, paperParticipants, rule, candidates, electorate = 'HOUSEHOLDS' }: Case): TallyInput {
  const onlineChoices = votes(online);
  const paperBallots = paper ? paper.spoiled + Object.values(paper.totals).reduce((a, b) => a + b, 0) : 0;
  return {
    rollSize: n,
    electorate,
    options: candidates ? CANDIDATES : YES_NO,
    rule: passRuleOf(rule),
    onlineChoices,
    paper,
    participation: { online: onlineChoices.length, paper: paperParticipants ?? paperBallots },
  };
}

function refusal(i: TallyInput): string {
  try {
    tally(i);
  } catch (e) {
    if (e instanceof VotingDomainError) return e.code;
    throw e;
  }
  return 'NO_ERROR';
}

describe('tally: yes/no/abstain', () => {
  it('a box of one ballot: one YES of a roll of one passes, on either channel', () => {
    expect(tally(input({ n: 1, online: { YES: 1 } })).passed).toBe(true);
    expect(tally(input({ n: 1, paper: { totals: { YES: 1 }, spoiled: 0 } })).passed).toBe(true);
    expect(tally(input({ n: 1, online: { NO: 1 } })).passed).toBe(false);
  });

  it('one YES among ten households: fails on the roll basis, passes among participants', () => {
    expect(tally(input({ n: 10, online: { YES: 1 } })).passed).toBe(false);
    const r = tally(input({ n: 10, online: { YES: 1 }, rule: { passBasis: 'PARTICIPANTS' } }));
    expect([r.passed, r.base]).toEqual([true, { passBasis: 'PARTICIPANTS', size: 1 }]);
  });

  it('exactly 50% does not pass ("more than"); one more does', () => {
    expect(tally(input({ n: 100, online: { YES: 50, NO: 10 } })).passed).toBe(false);
    expect(tally(input({ n: 100, online: { YES: 51, NO: 10 } })).passed).toBe(true);
    expect(tally(input({ n: 100, online: { YES: 5, NO: 5 }, rule: { passBasis: 'PARTICIPANTS' } })).passed).toBe(false);
    expect(tally(input({ n: 100, online: { YES: 6, NO: 5 }, rule: { passBasis: 'PARTICIPANTS' } })).passed).toBe(true);
  });

  it('households that do not take part count as not agreeing on the roll basis', () => {
    const r = tally(input({ n: 100, online: { YES: 40 }, paper: { totals: { YES: 5 }, spoiled: 0 } }));
    expect([r.passed, r.turnout.participants, r.counts.find((c) => c.optionId === 'YES')?.total]).toEqual([false, 45, 45]);
  });

  it('all abstain: everyone took part, nothing passes', () => {
    const r = tally(input({ n: 10, online: { ABSTAIN: 7 }, paper: { totals: { ABSTAIN: 3 }, spoiled: 0 }, rule: { passBasis: 'PARTICIPANTS' } }));
    expect(r.turnout).toEqual({ participants: 10, online: 7, paper: 3, rate: 1, onlineRate: 0.7, paperRate: 0.3 });
    expect(r.counts).toEqual([
      { optionId: 'YES', online: 0, paper: 0, total: 0 },
      { optionId: 'NO', online: 0, paper: 0, total: 0 },
      { optionId: 'ABSTAIN', online: 7, paper: 3, total: 10 },
    ]);
    expect([r.passed, r.leader, r.winner]).toEqual([false, 'YES', null]);
  });

  it('abstentions and spoiled ballots count as participants, not as yes', () => {
    // 3 YES of 6 participants (1 NO, 1 ABSTAIN, 1 spoiled): 50%, not more.
    const r = tally(input({ n: 10, online: { YES: 3, ABSTAIN: 1 }, paper: { totals: { NO: 1 }, spoiled: 1 }, rule: { passBasis: 'PARTICIPANTS' } }));
    expect([r.turnout.participants, r.spoiled, r.base.size, r.passed]).toEqual([6, 1, 6, false]);
  });

  it('a paper participant whose ballot is not in the box still took part', () => {
    const r = tally(input({ n: 10, online: { YES: 2 }, paper: { totals: { YES: 1 }, spoiled: 0 }, paperParticipants: 3, rule: { passBasis: 'PARTICIPANTS' } }));
    expect([r.turnout.participants, r.passed]).toEqual([5, true]);
  });

  it('quorum missed: the share of the roll taking part must reach quorumPercent (at least)', () => {
    const rule = { passBasis: 'PARTICIPANTS' as const, quorumPercent: 50 };
    const missed = tally(input({ n: 100, online: { YES: 49 }, rule }));
    expect([missed.quorumMet, missed.passed]).toEqual([false, false]);
    expect(missed.explanation.en).toBe('Not passed: the quorum was not met. Quorum: 49 of 100 took part (49%), at least 50% required.');
    expect(missed.explanation.vi).toBe('Không thông qua: không đạt tỷ lệ tham gia tối thiểu. Tỷ lệ tham gia: 49/100 (49%), yêu cầu tối thiểu 50%.');
    const met = tally(input({ n: 100, online: { YES: 50 }, rule }));
    expect([met.quorumMet, met.passed]).toEqual([true, true]);
  });

  it('zero participants: turnout 0, nothing passes, on either basis', () => {
    for (const passBasis of ['ROLL', 'PARTICIPANTS'] as const) {
      const r = tally(input({ n: 50, rule: { passBasis } }));
      expect([r.turnout.participants, r.turnout.rate, r.passed, r.quorumMet]).toEqual([0, 0, false, true]);
    }
    expect(tally(input({ n: 50, rule: { passBasis: 'PARTICIPANTS' } })).explanation.en).toBe(
      'Not passed: 0 of the 0 participating households agreed (0%); the rule requires more than 50% of the participants.',
    );
  });

  it('a two-thirds rule compares exactly: 2 of 3 is 66.666…%, not more than 66.67%', () => {
    expect(tally(input({ n: 3, online: { YES: 2 }, rule: { passPercent: 66.67 } })).passed).toBe(false);
    expect(tally(input({ n: 3, online: { YES: 2 }, rule: { passPercent: 66.66 } })).passed).toBe(true);
    expect(tally(input({ n: 3, online: { YES: 3 }, rule: { passPercent: 66.67 } })).passed).toBe(true);
  });

  it('says which rule applied, in English and Vietnamese', () => {
    const r = tally(input({ n: 3, online: { YES: 2, NO: 1 } }));
    expect(r.rule).toEqual({ passBasis: 'ROLL', passPercent: 50, quorumPercent: null });
    expect(r.explanation).toEqual({
      en: 'Passed: 2 of the 3 households on the roll agreed (66.67%); the rule requires more than 50% of the roll.',
      vi: 'Thông qua: 2/tổng số 3 hộ trong danh sách đồng ý (66,67%); quy định cần trên 50% tổng số hộ trong danh sách.',
    });
    const voters = tally(input({ n: 4, online: { YES: 1, NO: 1 }, electorate: 'VOTERS', rule: { passBasis: 'PARTICIPANTS', passPercent: 60, quorumPercent: 50 } }));
    expect(voters.explanation).toEqual({
      en: 'Not passed: 1 of the 2 participating voters agreed (50%); the rule requires more than 60% of the participants. Quorum: 2 of 4 took part (50%), at least 50% required.',
      vi: 'Không thông qua: 1/2 cử tri tham gia đồng ý (50%); quy định cần trên 60% số cử tri tham gia. Tỷ lệ tham gia: 2/4 (50%), yêu cầu tối thiểu 50%.',
    });
  });
});

describe('tally: candidates and lists', () => {
  it('the most votes wins when it is more than the threshold of the basis', () => {
    const r = tally(input({ n: 100, candidates: true, online: { A: 51, B: 30 }, paper: { totals: { C: 4 }, spoiled: 1 } }));
    expect([r.leader, r.winner, r.passed, r.tiedOptions]).toEqual(['A', 'A', true, []]);
    expect(r.explanation.en).toBe('Chosen: Nguyễn Văn A with 51 of the 100 households on the roll (51%); the rule requires more than 50% of the roll.');
    expect(r.explanation.vi).toBe('Trúng: Nguyễn Văn A với 51/tổng số 100 hộ trong danh sách (51%); quy định cần trên 50% tổng số hộ trong danh sách.');
  });

  it('a leader below the threshold is reported but does not win', () => {
    const roll = tally(input({ n: 100, candidates: true, online: { A: 45, B: 30 } }));
    expect([roll.leader, roll.winner, roll.passed]).toEqual(['A', null, false]);
    expect(roll.explanation.en).toMatch(/^No winner: Nguyễn Văn A leads with 45 of the 100 households/);
    const participants = tally(input({ n: 100, candidates: true, online: { A: 45, B: 30 }, rule: { passBasis: 'PARTICIPANTS' } }));
    expect([participants.winner, participants.passed]).toEqual(['A', true]);
  });

  it('a tie for the most votes has no winner, and names the tied options', () => {
    const r = tally(input({ n: 100, candidates: true, online: { A: 40, B: 38, C: 20 }, paper: { totals: { B: 2 }, spoiled: 0 }, rule: { passBasis: 'PARTICIPANTS' } }));
    expect([r.leader, r.winner, r.passed, r.tiedOptions]).toEqual([null, null, false, ['A', 'B']]);
    expect(r.explanation.en).toBe('No winner: Nguyễn Văn A, Trần Thị B are tied with 40 votes each; the rule requires more than 50% of the participants.');
  });

  it('nobody voted: no leader, no tie', () => {
    const r = tally(input({ n: 5, candidates: true }));
    expect([r.leader, r.tiedOptions, r.passed]).toEqual([null, [], false]);
    expect(r.explanation.en).toMatch(/^No winner: no votes for any option/);
  });

  it('a single ballot elects on the participants basis', () => {
    expect(tally(input({ n: 20, candidates: true, paper: { totals: { C: 1 }, spoiled: 0 }, rule: { passBasis: 'PARTICIPANTS' } })).winner).toBe('C');
  });
});

describe('tally: refused input', () => {
  it('refuses N = 0, a negative or fractional N', () => {
    for (const n of [0, -1, 2.5, Number.NaN]) expect(refusal({ ...input({ n: 1 }), rollSize: n })).toBe('INVALID_TALLY_INPUT');
  });

  it('refuses more participants than N, and inconsistent participation', () => {
    expect(refusal(input({ n: 2, online: { YES: 3 } }))).toBe('INVALID_TALLY_INPUT');
    expect(refusal({ ...input({ n: 10, online: { YES: 3 } }), participation: { online: 2, paper: 0 } })).toBe('INVALID_TALLY_INPUT');
    expect(refusal({ ...input({ n: 10 }), participation: { online: -1, paper: 0 } })).toBe('INVALID_TALLY_INPUT');
  });

  it('refuses a missing paper count, a box with more ballots than paper participants, negative totals', () => {
    expect(refusal({ ...input({ n: 10 }), participation: { online: 0, paper: 2 } })).toBe('INVALID_TALLY_INPUT');
    expect(refusal(input({ n: 10, paper: { totals: { YES: 3 }, spoiled: 1 }, paperParticipants: 3 }))).toBe('INVALID_TALLY_INPUT');
    expect(refusal(input({ n: 10, paper: { totals: { YES: -1 }, spoiled: 1 }, paperParticipants: 1 }))).toBe('INVALID_TALLY_INPUT');
    expect(refusal(input({ n: 10, paper: { totals: {}, spoiled: 1.5 }, paperParticipants: 2 }))).toBe('INVALID_TALLY_INPUT');
  });

  it('refuses a choice that is not an option, online or on paper', () => {
    expect(refusal(input({ n: 10, online: { MAYBE: 1 } }))).toBe('UNKNOWN_OPTION');
    expect(refusal(input({ n: 10, paper: { totals: { A: 1 }, spoiled: 0 } }))).toBe('UNKNOWN_OPTION');
  });
});

describe('threshold arithmetic', () => {
  it('moreThanPercent is strict, atLeastPercent is not', () => {
    expect([moreThanPercent(50, 100, 50), moreThanPercent(51, 100, 50), moreThanPercent(0, 0, 50)]).toEqual([false, true, false]);
    expect([atLeastPercent(50, 100, 50), atLeastPercent(49, 100, 50)]).toEqual([true, false]);
  });

  it('formats percentages with at most two decimals per language', () => {
    expect([formatPercent(1, 3, '.'), formatPercent(2, 3, ','), formatPercent(1, 2, '.'), formatPercent(0, 0, '.')]).toEqual(['33.33', '66,67', '50', '0']);
  });
});
