import type { PollDraftInput } from '../src/polls/domain/poll-draft';

/** A valid draft (a village's households deciding a public-works contribution), with overrides. */
export const draft = (over: Partial<PollDraftInput> = {}): PollDraftInput => ({
  unitCode: '00004',
  villageCode: 'THON-1',
  matter: 'PUBLIC_WORKS_CONTRIBUTION',
  title: '  Đóng góp làm đường thôn  ',
  options: { kind: 'YES_NO_ABSTAIN' },
  electorate: 'HOUSEHOLDS',
  channels: ['PAPER', 'ONLINE'],
  opensAt: new Date('2026-12-10T01:00:00Z'),
  closesAt: new Date('2026-12-12T10:00:00Z'),
  ...over,
});
