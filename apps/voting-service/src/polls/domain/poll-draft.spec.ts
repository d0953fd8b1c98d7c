import { draft } from '../../../test/poll-drafts';
import { newPoll, updateDraft } from './poll-draft';
import { YES_NO_ABSTAIN_OPTIONS, assertKnownOption, pollOptionsOf } from './poll-options';
import { DEFAULT_PASS_RULE, passRuleOf } from './pass-rule';
import { POLL_MATTERS } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

function codeOf(fn: () => unknown): { code: string; kind: string; field?: unknown } {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof VotingDomainError)) throw e;
    expect(e.messageEn.length).toBeGreaterThan(0);
    expect(e.messageVi.length).toBeGreaterThan(0);
    return { code: e.code, kind: e.kind, field: e.details?.field };
  }
  throw new Error('expected a VotingDomainError');
}

describe('newPoll', () => {
  it('normalizes a draft: trimmed title, fixed yes/no/abstain options, channels in canonical order, default rule', () => {
    const poll = newPoll('p1', draft());
    expect(poll).toMatchObject({ id: 'p1', status: 'DRAFT', title: 'Đóng góp làm đường thôn', description: '', channels: ['ONLINE', 'PAPER'], roll: null, cancelReason: null });
    expect(poll.options).toEqual({ kind: 'YES_NO_ABSTAIN', options: YES_NO_ABSTAIN_OPTIONS });
    expect(poll.options.options.map((o) => o.id)).toEqual(['YES', 'NO', 'ABSTAIN']);
    expect(poll.rule).toEqual({ passBasis: 'ROLL', passPercent: 50, quorumPercent: null });
    expect(DEFAULT_PASS_RULE).toEqual(poll.rule);
  });

  it('accepts every matter of the law and a commune-wide poll without a village', () => {
    for (const matter of POLL_MATTERS) expect(newPoll('p', draft({ matter, villageCode: null })).matter).toBe(matter);
    expect(POLL_MATTERS).toHaveLength(7);
    expect(newPoll('p', draft({ villageCode: '' })).villageCode).toBeNull();
  });

  it('copies the instants so a caller mutating its Date does not change the poll', () => {
    const input = draft();
    const poll = newPoll('p', input);
    input.opensAt.setUTCFullYear(2030);
    expect(poll.opensAt.toISOString()).toBe('2026-12-10T01:00:00.000Z');
  });

  it.each([
    ['unitCode', { unitCode: '4' }],
    ['villageCode', { villageCode: 'thôn 1' }],
    ['matter', { matter: 'ELECT_PRESIDENT' as never }],
    ['electorate', { electorate: 'CITIZENS' as never }],
    ['channels', { channels: [] }],
    ['channels', { channels: ['ONLINE', 'ONLINE'] as never }],
    ['channels', { channels: ['EMAIL'] as never }],
    ['title', { title: '   ' }],
    ['title', { title: 'x'.repeat(301) }],
    ['description', { description: 'x'.repeat(10_001) }],
    ['opensAt', { opensAt: new Date('nope') }],
    ['closesAt', { closesAt: new Date('2026-12-10T01:00:00Z') }],
    ['closesAt', { closesAt: new Date('2026-12-09T01:00:00Z') }],
  ])('refuses a wrong %s with INVALID_POLL naming the field', (field, over) => {
    expect(codeOf(() => newPoll('p', draft(over)))).toEqual({ code: 'INVALID_POLL', kind: 'unprocessable', field });
  });

  it('refuses a poll without an id', () => {
    expect(codeOf(() => newPoll('', draft())).code).toBe('INVALID_POLL');
  });
});

describe('poll options', () => {
  const candidates = [
    { id: 'A', label: 'Nguyễn Văn A' },
    { id: 'B', label: ' Trần Thị B ' },
  ];

  it('keeps candidates and lists as given (trimmed), ignores options passed for yes/no/abstain', () => {
    expect(pollOptionsOf({ kind: 'CANDIDATES', options: candidates })).toEqual({ kind: 'CANDIDATES', options: [candidates[0], { id: 'B', label: 'Trần Thị B' }] });
    expect(pollOptionsOf({ kind: 'LIST', options: candidates }).kind).toBe('LIST');
    expect(pollOptionsOf({ kind: 'YES_NO_ABSTAIN', options: candidates }).options).toBe(YES_NO_ABSTAIN_OPTIONS);
  });

  it.each([
    ['no options', undefined, 'options'],
    ['one option', [{ id: 'A', label: 'a' }], 'options'],
    ['101 options', Array.from({ length: 101 }, (_, i) => ({ id: `O${i}`, label: 'o' })), 'options'],
    ['a duplicate id', [{ id: 'A', label: 'a' }, { id: 'A', label: 'b' }], 'options[1].id'],
    ['a bad id', [{ id: 'A B', label: 'a' }, { id: 'C', label: 'c' }], 'options[0].id'],
    ['an empty label', [{ id: 'A', label: 'a' }, { id: 'C', label: ' ' }], 'options[1].label'],
  ])('refuses %s', (_name, options, field) => {
    expect(codeOf(() => pollOptionsOf({ kind: 'CANDIDATES', options }))).toMatchObject({ code: 'INVALID_POLL', field });
  });

  it('accepts exactly 2 and exactly 100 options', () => {
    expect(pollOptionsOf({ kind: 'LIST', options: candidates }).options).toHaveLength(2);
    expect(pollOptionsOf({ kind: 'LIST', options: Array.from({ length: 100 }, (_, i) => ({ id: `O${i}`, label: 'o' })) }).options).toHaveLength(100);
  });

  it('refuses an unknown kind', () => {
    expect(codeOf(() => pollOptionsOf({ kind: 'RANKED' as never })).field).toBe('options.kind');
  });

  it('assertKnownOption refuses a choice that is not an option with UNKNOWN_OPTION', () => {
    const options = pollOptionsOf({ kind: 'YES_NO_ABSTAIN' });
    expect(() => assertKnownOption(options, 'YES')).not.toThrow();
    expect(codeOf(() => assertKnownOption(options, 'MAYBE'))).toMatchObject({ code: 'UNKNOWN_OPTION', kind: 'unprocessable' });
    expect(codeOf(() => assertKnownOption(options, 42 as never)).code).toBe('UNKNOWN_OPTION');
  });
});

describe('pass rule', () => {
  it('defaults to more than 50% of the roll, no quorum', () => {
    expect(passRuleOf(undefined)).toEqual({ passBasis: 'ROLL', passPercent: 50, quorumPercent: null });
    expect(passRuleOf({ passBasis: 'PARTICIPANTS', quorumPercent: 50 })).toEqual({ passBasis: 'PARTICIPANTS', passPercent: 50, quorumPercent: 50 });
    expect(passRuleOf({ passPercent: 66.67, quorumPercent: 100 })).toEqual({ passBasis: 'ROLL', passPercent: 66.67, quorumPercent: 100 });
  });

  it.each([
    ['rule.passBasis', { passBasis: 'ALL' as never }],
    ['rule.passPercent', { passPercent: 0 }],
    ['rule.passPercent', { passPercent: 100 }],
    ['rule.passPercent', { passPercent: 50.555 }],
    ['rule.passPercent', { passPercent: Number.NaN }],
    ['rule.quorumPercent', { quorumPercent: 0 }],
    ['rule.quorumPercent', { quorumPercent: 101 }],
  ])('refuses a wrong %s', (field, rule) => {
    expect(codeOf(() => passRuleOf(rule))).toMatchObject({ code: 'INVALID_POLL', field });
  });
});

describe('updateDraft', () => {
  it('changes what the patch gives, keeps the rest, re-validates the whole draft', () => {
    const poll = newPoll('p', draft());
    const updated = updateDraft(poll, { title: 'Quỹ khuyến học', matter: 'COMMUNITY_FUND', rule: { passBasis: 'PARTICIPANTS', quorumPercent: 50 }, villageCode: undefined });
    expect(updated).toMatchObject({ id: 'p', status: 'DRAFT', title: 'Quỹ khuyến học', matter: 'COMMUNITY_FUND', villageCode: 'THON-1', unitCode: '00004' });
    expect(updated.rule).toEqual({ passBasis: 'PARTICIPANTS', passPercent: 50, quorumPercent: 50 });
    expect(codeOf(() => updateDraft(poll, { closesAt: new Date('2026-12-01T00:00:00Z') })).field).toBe('closesAt');
  });

  it('never moves the poll to another commune', () => {
    const poll = newPoll('p', draft());
    expect(updateDraft(poll, { unitCode: '99999' } as never).unitCode).toBe('00004');
  });

  it.each(['OPEN', 'CLOSED', 'CERTIFIED', 'CANCELLED'] as const)('refuses a %s poll with POLL_NOT_EDITABLE', (status) => {
    const poll = { ...newPoll('p', draft()), status };
    expect(codeOf(() => updateDraft(poll, { title: 'x' }))).toMatchObject({ code: 'POLL_NOT_EDITABLE', kind: 'conflict' });
  });
});
