import { pollCertified, pollClosed, pollOpened, type EventInput } from '@xaso/contracts';
import type { NewEvent } from '@xaso/messaging';
import type { Poll, TallyResult } from '../domain';

type PollFacts = EventInput<typeof pollOpened>;

/** What every poll event says about the poll: never a voter, never a tracker. */
function factsOf(poll: Poll): PollFacts {
  return {
    pollId: poll.id,
    unitCode: poll.unitCode,
    villageCode: poll.villageCode,
    matter: poll.matter,
    electorate: poll.electorate,
    channels: [...poll.channels],
    opensAt: poll.opensAt.toISOString(),
    closesAt: poll.closesAt.toISOString(),
    rule: { ...poll.rule },
    rollSize: poll.roll?.size ?? 0,
    rollHash: poll.roll?.hash ?? '',
  };
}

const envelopeOf = (poll: Poll) => ({ aggregateType: 'Poll', aggregateId: poll.id, unitCode: poll.unitCode });

export function pollOpenedEvent(poll: Poll): NewEvent<typeof pollOpened> {
  return { definition: pollOpened, ...envelopeOf(poll), payload: factsOf(poll) };
}

export function pollClosedEvent(poll: Poll, result: TallyResult, board: { root: string; size: number }, at: Date): NewEvent<typeof pollClosed> {
  const { participants, online, paper, rate } = result.turnout;
  return {
    definition: pollClosed,
    ...envelopeOf(poll),
    payload: {
      ...factsOf(poll),
      closedAt: at.toISOString(),
      ...(poll.closeReason ? { closeReason: poll.closeReason } : {}),
      outcome: {
        turnout: { participants, online, paper, rate },
        counts: result.counts.map(({ optionId, online: o, paper: p, total }) => ({ optionId, online: o, paper: p, total })),
        spoiled: result.spoiled,
        quorumMet: result.quorumMet,
        passed: result.passed,
        winner: result.winner,
        boardRoot: board.root,
        boardSize: board.size,
      },
    },
  };
}

export function pollCertifiedEvent(poll: Poll, result: TallyResult, boardRoot: string, at: Date): NewEvent<typeof pollCertified> {
  return {
    definition: pollCertified,
    ...envelopeOf(poll),
    payload: { ...factsOf(poll), certifiedAt: at.toISOString(), passed: result.passed, turnoutRate: result.turnout.rate, boardRoot },
  };
}
