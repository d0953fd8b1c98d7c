import { createHash } from 'node:crypto';
import { BallotBoard, leafBytesOf, verifyReceipt, type BoardEntry } from './ballot-board';
import { canonicalJson } from './canonical-json';
import { verifyInclusion } from './merkle';
import { newTracker, trackerOf } from './tracker';
import { VotingDomainError } from './voting-domain-error';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('trackers', () => {
  it('is SHA-256 hex over the RFC 8785 JSON of {choice, nonce} (hand-written canonical text)', () => {
    const nonce = '000102030405060708090a0b0c0d0e0f';
    expect(trackerOf('YES', nonce)).toBe(sha('{"choice":"YES","nonce":"000102030405060708090a0b0c0d0e0f"}'));
    expect(trackerOf('YES', nonce)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('draws a 128-bit nonce, so the same choice gives different trackers', () => {
    const fixed = newTracker('NO', (n) => Buffer.alloc(n, 0xab));
    expect(fixed).toEqual({ nonce: 'ab'.repeat(16), tracker: sha(`{"choice":"NO","nonce":"${'ab'.repeat(16)}"}`) });
    const trackers = new Set(Array.from({ length: 200 }, () => newTracker('YES').tracker));
    expect(trackers.size).toBe(200);
    expect(newTracker('YES').nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a nonce that is not 128 bits of lowercase hex', () => {
    for (const nonce of ['', 'ab'.repeat(15), 'AB'.repeat(16), 'zz'.repeat(16), 'ab'.repeat(17)]) {
      expect(() => trackerOf('YES', nonce)).toThrow(expect.objectContaining({ code: 'INVALID_NONCE' }));
    }
  });
});

describe('the ballot board', () => {
  const ballots: BoardEntry[] = ['YES', 'NO', 'YES', 'ABSTAIN', 'YES'].map((choice, i) => ({ choice, tracker: trackerOf(choice, i.toString(16).padStart(32, '0')) }));

  it('lists {tracker, choice} sorted by tracker, whatever order the ballots came in', () => {
    const board = new BallotBoard(ballots);
    const sorted = [...ballots].sort((x, y) => (x.tracker < y.tracker ? -1 : 1));
    expect(board.entries).toEqual(sorted);
    expect(new BallotBoard([...ballots].reverse()).root).toBe(board.root);
    expect(board.treeSize).toBe(5);
  });

  it('uses the UTF-8 canonical JSON of {tracker, choice} as leaf bytes', () => {
    expect(leafBytesOf({ tracker: 'ab', choice: 'Nguyễn' }).toString('hex')).toBe(Buffer.from('{"choice":"Nguyễn","tracker":"ab"}', 'utf8').toString('hex'));
  });

  it('keeps only tracker and choice of what it is given', () => {
    const board = new BallotBoard([{ ...ballots[0], voter: '001203004567' } as BoardEntry]);
    expect(Object.keys(board.entries[0]).sort()).toEqual(['choice', 'tracker']);
  });

  it('has the empty-tree root when nobody voted online', () => {
    expect(new BallotBoard([]).root).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('refuses two ballots with one tracker', () => {
    expect(() => new BallotBoard([ballots[0], { ...ballots[0] }])).toThrow(VotingDomainError);
  });
});

describe('verifyReceipt', () => {
  const ballots: BoardEntry[] = Array.from({ length: 37 }, (_, i) => newTracker(['YES', 'NO', 'ABSTAIN'][i % 3])).map((t, i) => ({ tracker: t.tracker, choice: ['YES', 'NO', 'ABSTAIN'][i % 3] }));
  const board = new BallotBoard(ballots);

  it('answers the recorded choice and a proof anyone can check against the root', () => {
    for (const ballot of ballots) {
      const receipt = verifyReceipt(board, ballot.tracker);
      expect([receipt.choice, receipt.root, receipt.treeSize]).toEqual([ballot.choice, board.root, 37]);
      expect(board.entries[receipt.leafIndex].tracker).toBe(ballot.tracker);
      expect(verifyInclusion(leafBytesOf(ballot), receipt.leafIndex, receipt.treeSize, receipt.auditPath, receipt.root)).toBe(true);
      // Someone claiming another choice for that tracker fails the proof.
      expect(verifyInclusion(leafBytesOf({ ...ballot, choice: ballot.choice === 'YES' ? 'NO' : 'YES' }), receipt.leafIndex, receipt.treeSize, receipt.auditPath, receipt.root)).toBe(false);
    }
  });

  it('works from the plain board list too, and accepts an upper-case tracker', () => {
    const receipt = verifyReceipt(board.entries, ballots[3].tracker.toUpperCase());
    expect(receipt.choice).toBe(ballots[3].choice);
  });

  it('answers RECEIPT_NOT_FOUND (not-found) for an unknown or malformed tracker', () => {
    for (const tracker of ['0'.repeat(64), 'nope', '', 42 as never]) {
      expect(() => verifyReceipt(board, tracker)).toThrow(expect.objectContaining({ code: 'RECEIPT_NOT_FOUND', kind: 'not-found' }));
    }
    expect(() => verifyReceipt([], 'a'.repeat(64))).toThrow(expect.objectContaining({ code: 'RECEIPT_NOT_FOUND' }));
  });
});

describe('leaf bytes', () => {
  it('are exactly what canonicalize writes for {tracker, choice}, for any strings', () => {
    const samples = ['YES', 'Nguyễn Văn A', '"quoted"\\', '\u0000\u001f\u007f', '\u2028\u2029', '😀', '\ud800', '', 'a'.repeat(300)];
    const random = Array.from({ length: 500 }, () => String.fromCharCode(...Array.from({ length: 1 + Math.floor(Math.random() * 12) }, () => Math.floor(Math.random() * 0xffff))));
    for (const choice of [...samples, ...random]) {
      const entry = { tracker: 'ab'.repeat(32), choice };
      expect(leafBytesOf(entry).toString('utf8')).toBe(canonicalJson({ tracker: entry.tracker, choice }));
    }
  });
});
