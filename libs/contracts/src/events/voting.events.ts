import { z } from 'zod';
import { defineEvent } from '../lib/registry';

/**
 * Events published by voting-service (village polls, Law 10/2022/QH15). Topic
 * `xaso.voting.events.v1`, aggregateType `Poll`, aggregateId = the poll id, unitCode = the commune.
 *
 * What evaluation needs (matter, dates, roll size, turnout, outcome) and never a voter: no ID
 * number, name, household, tracker or anything that could tie a person to a choice. `.strict()`
 * schemas reject any extra field at publish time.
 */
const SOURCE = 'voting';
const instant = z.string().datetime({ offset: true });
const count = z.number().int().nonnegative();
const percent = z.number().min(0).max(100);

const pollFacts = z.object({
  pollId: z.string().min(1),
  unitCode: z.string().min(1),
  villageCode: z.string().min(1).nullable(),
  matter: z.enum(['PUBLIC_WORKS_CONTRIBUTION', 'COMMUNITY_FUND', 'VILLAGE_CONVENTION', 'ELECT_VILLAGE_HEAD', 'DISMISS_VILLAGE_HEAD', 'COMMUNITY_BOARD', 'OTHER']),
  electorate: z.enum(['HOUSEHOLDS', 'VOTERS']),
  channels: z.array(z.enum(['ONLINE', 'PAPER'])).min(1),
  opensAt: instant,
  closesAt: instant,
  rule: z.object({ passBasis: z.enum(['ROLL', 'PARTICIPANTS']), passPercent: percent, quorumPercent: percent.nullable() }).strict(),
  /** Size N of the frozen roll. */
  rollSize: count,
  /** SHA-256 hex of the frozen roll (RFC 8785 JSON, sorted). */
  rollHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Totals only: how many took part and how they chose in aggregate, never who. */
const outcome = z
  .object({
    turnout: z.object({ participants: count, online: count, paper: count, rate: z.number().min(0).max(1) }).strict(),
    counts: z.array(z.object({ optionId: z.string().min(1), online: count, paper: count, total: count }).strict()),
    spoiled: count,
    quorumMet: z.boolean(),
    passed: z.boolean(),
    winner: z.string().nullable(),
    /** RFC 6962 root of the published ballot board. */
    boardRoot: z.string().regex(/^[0-9a-f]{64}$/),
    boardSize: count,
  })
  .strict();

export const pollOpened = defineEvent({
  type: 'poll.opened',
  version: 1,
  source: SOURCE,
  schema: pollFacts.strict(),
  description: 'A poll opened with its roll frozen (size N and hash published).',
});

export const pollClosed = defineEvent({
  type: 'poll.closed',
  version: 1,
  source: SOURCE,
  schema: pollFacts
    .extend({
      closedAt: instant,
      outcome,
      /** Set when a rule closed the poll before closesAt (a rearrangement took its village out of the commune). */
      closeReason: z.string().min(1).max(1000).optional(),
    })
    .strict(),
  description: 'A poll closed: turnout, counts per option, quorum and outcome, the board root. Never a voter.',
});

export const pollCertified = defineEvent({
  type: 'poll.certified',
  version: 1,
  source: SOURCE,
  schema: pollFacts.extend({ certifiedAt: instant, passed: z.boolean(), turnoutRate: z.number().min(0).max(1), boardRoot: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  description: 'The commune chairperson certified the result of a closed poll.',
});

export const votingEvents = [pollOpened, pollClosed, pollCertified] as const;
