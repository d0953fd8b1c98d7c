/**
 * The Merkle tree of RFC 6962 §2.1 (as restated in RFC 9162 §2.1): MTH({}) = SHA-256(),
 * MTH({d0}) = SHA-256(0x00 ‖ d0), MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])) with k the
 * largest power of two smaller than n. Built level by level: an odd last node is carried up
 * unchanged, which yields exactly the same tree as the recursive split (and its audit paths).
 */
import { hash } from 'node:crypto';

const HASH_BYTES = 32;
// One-shot hashing into a reused input buffer: the board of 100,000 ballots needs ~200,000 hashes
// and a createHash() object per hash costs more than the hash itself. hash() is synchronous, so
// reusing the scratch buffer is safe.
const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES);

export type HashLike = string | Uint8Array;

function sha256(data: Uint8Array): Buffer {
  return hash('sha256', data, 'buffer');
}

export function emptyTreeHash(): Buffer {
  return sha256(Buffer.alloc(0));
}

export function leafHash(leaf: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + leaf.length);
  input[0] = 0x00;
  input.set(leaf, 1);
  return sha256(input);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) return sha256(Buffer.concat([Buffer.from([0x01]), left, right]));
  nodeInput[0] = 0x01;
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return sha256(nodeInput);
}

export class MerkleTree {
  /** levels[0] are the leaf hashes; the last level holds the root alone. */
  private readonly levels: Buffer[][];

  private constructor(leafHashes: Buffer[]) {
    this.levels = [leafHashes];
    let level = leafHashes;
    while (level.length > 1) {
      const next: Buffer[] = new Array(Math.ceil(level.length / 2));
      for (let i = 0; i < level.length; i += 2) next[i >> 1] = i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i];
      this.levels.push(next);
      level = next;
    }
  }

  static ofLeaves(leaves: readonly Uint8Array[]): MerkleTree {
    return new MerkleTree(leaves.map(leafHash));
  }

  get size(): number {
    return this.levels[0].length;
  }

  root(): Buffer {
    return this.size === 0 ? emptyTreeHash() : this.levels[this.levels.length - 1][0];
  }

  /** PATH(m, D[n]) of RFC 6962 §2.1.1: the sibling hashes from the leaf up to the root. */
  auditPath(index: number): Buffer[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`leaf index ${index} is outside a tree of ${this.size}`);
    const path: Buffer[] = [];
    let m = index;
    for (let k = 0; k < this.levels.length - 1; k++) {
      const sibling = m ^ 1;
      if (sibling < this.levels[k].length) path.push(this.levels[k][sibling]);
      m = Math.floor(m / 2);
    }
    return path;
  }
}

function bytesOf(value: HashLike): Buffer | null {
  if (typeof value === 'string') return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : null;
  return value instanceof Uint8Array && value.length === HASH_BYTES ? Buffer.from(value) : null;
}

/**
 * Verifies an inclusion proof as RFC 9162 §2.1.3.2 specifies, using only the leaf bytes, its
 * index, the tree size, the path and the published root: anyone can run it without the server.
 */
export function verifyInclusion(leafBytes: Uint8Array, index: number, treeSize: number, path: readonly HashLike[], root: HashLike): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  const expected = bytesOf(root);
  if (expected === null) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash(leafBytes);
  for (const element of path) {
    const p = bytesOf(element);
    if (p === null || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(expected);
}
