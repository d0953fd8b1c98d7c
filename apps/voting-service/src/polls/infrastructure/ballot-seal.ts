import { KeyRingCipher, parseKeyRing, SealError } from '@xaso/sealing';
import { type BoardEntry, leafBytesOf, VotingDomainError } from '../domain';

/**
 * DEV ONLY fallback key ring, used when VOTING_BALLOT_KEYS is unset outside production (like the
 * auth dev secret). Production refuses to start without a configured key ring.
 */
const DEV_KEYS = 'dev1:ZGV2LW9ubHktdm90aW5nLWJhbGxvdC1rZXktMzJieSE=';

/** Sealed ballots keep this purpose: stored values depend on it. */
const PURPOSE = 'voting-ballot';

/**
 * Seals a pending ballot ({tracker, choice} as its board leaf bytes) for the time its poll is open,
 * bound to the poll, and opens the poll's ballots at close.
 */
export class BallotSeal {
  constructor(private readonly cipher: KeyRingCipher) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): BallotSeal {
    const keys = env.VOTING_BALLOT_KEYS;
    if (!keys && env.NODE_ENV === 'production') throw new Error('VOTING_BALLOT_KEYS must be set in production');
    return new BallotSeal(new KeyRingCipher(parseKeyRing(keys || DEV_KEYS, 'VOTING_BALLOT_KEYS'), PURPOSE));
  }

  seal(pollId: string, ballot: BoardEntry): string {
    return this.cipher.seal(leafBytesOf(ballot), pollId);
  }

  open(pollId: string, sealed: string): BoardEntry {
    try {
      const { tracker, choice } = JSON.parse(this.cipher.open(sealed, pollId).toString('utf8')) as BoardEntry;
      return { tracker, choice };
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      throw new VotingDomainError('BALLOT_SEAL_BROKEN', `A pending ballot could not be opened (${error.reason}): check VOTING_BALLOT_KEYS`, `Không mở được phiếu đang niêm phong (${error.reason}): kiểm tra VOTING_BALLOT_KEYS`);
    }
  }
}
