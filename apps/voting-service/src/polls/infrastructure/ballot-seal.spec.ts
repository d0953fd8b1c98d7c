import { KeyRingCipher } from '@xaso/sealing';
import { VotingDomainError } from '../domain';
import { BallotSeal } from './ballot-seal';

const ballot = { tracker: 'ab'.repeat(32), choice: 'YES' };

describe('BallotSeal', () => {
  it('seals a pending ballot for its poll and opens it at close', () => {
    const seal = BallotSeal.fromEnv({ VOTING_BALLOT_KEYS: KeyRingCipher.generateKey('k1') });
    const sealed = seal.seal('poll-1', ballot);
    expect(sealed).not.toContain(ballot.tracker);
    expect(seal.open('poll-1', sealed)).toEqual(ballot);
  });

  it('does not open a ballot moved to another poll, or with another key, and says so with a code', () => {
    const seal = BallotSeal.fromEnv({ VOTING_BALLOT_KEYS: KeyRingCipher.generateKey('k1') });
    const sealed = seal.seal('poll-1', ballot);
    expect(() => seal.open('poll-2', sealed)).toThrow(VotingDomainError);
    const other = BallotSeal.fromEnv({ VOTING_BALLOT_KEYS: KeyRingCipher.generateKey('k1') });
    expect(() => other.open('poll-1', sealed)).toThrow(expect.objectContaining({ code: 'BALLOT_SEAL_BROKEN', kind: 'unavailable' }));
  });

  it('refuses a production start without VOTING_BALLOT_KEYS, and uses a development ring otherwise', () => {
    expect(() => BallotSeal.fromEnv({ NODE_ENV: 'production' })).toThrow(/VOTING_BALLOT_KEYS must be set in production/);
    const dev = BallotSeal.fromEnv({});
    expect(dev.open('p', dev.seal('p', ballot))).toEqual(ballot);
    expect(() => BallotSeal.fromEnv({ VOTING_BALLOT_KEYS: 'k1:short' })).toThrow(/VOTING_BALLOT_KEYS: key k1 must be 32 bytes/);
  });
});
