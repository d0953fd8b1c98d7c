import { createHash, randomBytes } from 'node:crypto';
import { MerkleTree, emptyTreeHash, leafHash, verifyInclusion } from './merkle';

/**
 * Reference vectors of the certificate-transparency implementations: google/certificate-transparency
 * cpp/merkletree/merkle_tree_test.cc (kInputs, kSHA256Roots, kSHA256Paths; its leaves are 1-based)
 * and transparency-dev/merkle proof/verify_test.go (the same data, 0-based indices there too).
 */
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) => Buffer.from(hex, 'hex'));
const CT_EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** [0-based leaf index, tree size, audit path]. */
const CT_PATHS: [number, number, string[]][] = [
  [0, 1, []],
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const SOME_HASH = 'abacaba000000000000000000000000000000000000000000060061e00123456';

const hex = (b: Buffer): string => b.toString('hex');
const sha = (...parts: Uint8Array[]): Buffer => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const flipBit = (h: string, bit = 3): string => hex(Buffer.from(h, 'hex').map((byte, i) => (i === 0 ? byte ^ (1 << bit) : byte)) as Buffer);

/** RFC 6962 §2.1 transcribed literally (recursive split at the largest power of two < n): the cross-check. */
function referenceMth(d: readonly Uint8Array[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0]);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha(Buffer.from([1]), referenceMth(d.slice(0, k)), referenceMth(d.slice(k)));
}

/** RFC 6962 §2.1.1 PATH(m, D[n]) transcribed literally. */
function referencePath(m: number, d: readonly Uint8Array[]): Buffer[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...referencePath(m, d.slice(0, k)), referenceMth(d.slice(k))] : [...referencePath(m - k, d.slice(k)), referenceMth(d.slice(0, k))];
}

describe('RFC 6962 Merkle tree: certificate-transparency reference vectors', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(hex(emptyTreeHash())).toBe(CT_EMPTY_ROOT);
    expect(hex(MerkleTree.ofLeaves([]).root())).toBe(CT_EMPTY_ROOT);
  });

  it.each(CT_ROOTS.map((root, i) => [i + 1, root] as const))('root of the first %i reference leaves', (size, root) => {
    expect(hex(MerkleTree.ofLeaves(CT_LEAVES.slice(0, size)).root())).toBe(root);
  });

  it.each(CT_PATHS)('audit path of leaf %i in a tree of %i', (index, size, path) => {
    const tree = MerkleTree.ofLeaves(CT_LEAVES.slice(0, size));
    expect(tree.auditPath(index).map(hex)).toEqual(path);
    expect(verifyInclusion(CT_LEAVES[index], index, size, path, CT_ROOTS[size - 1])).toBe(true);
  });

  // The corruptions of transparency-dev/merkle's verifierCheck: each must fail.
  it.each(CT_PATHS.slice(1))('refuses every corruption of the proof of leaf %i in %i', (index, size, path) => {
    const leaf = CT_LEAVES[index];
    const root = CT_ROOTS[size - 1];
    const probes: [string, () => boolean][] = [
      ['index - 1', () => verifyInclusion(leaf, index - 1, size, path, root)],
      ['index + 1', () => verifyInclusion(leaf, index + 1, size, path, root)],
      ['index ^ 2', () => verifyInclusion(leaf, index ^ 2, size, path, root)],
      ['size * 2', () => verifyInclusion(leaf, index, size * 2, path, root)],
      ['size / 2', () => verifyInclusion(leaf, index, Math.floor(size / 2), path, root)],
      ['wrong leaf', () => verifyInclusion(Buffer.from('WrongLeaf'), index, size, path, root)],
      ['empty root', () => verifyInclusion(leaf, index, size, path, CT_EMPTY_ROOT)],
      ['random root', () => verifyInclusion(leaf, index, size, path, SOME_HASH)],
      ['trailing garbage', () => verifyInclusion(leaf, index, size, [...path, ''], root)],
      ['trailing root', () => verifyInclusion(leaf, index, size, [...path, root], root)],
      ['preceding garbage', () => verifyInclusion(leaf, index, size, ['', ...path], root)],
      ['preceding root', () => verifyInclusion(leaf, index, size, [root, ...path], root)],
      ['removed component', () => verifyInclusion(leaf, index, size, path.slice(0, -1), root)],
      ['inserted component', () => verifyInclusion(leaf, index, size, [path[0], SOME_HASH, ...path.slice(1)], root)],
      ...path.map((_, i): [string, () => boolean] => [`flipped bit in path[${i}]`, () => verifyInclusion(leaf, index, size, path.map((h, j) => (j === i ? flipBit(h) : h)), root)]),
    ];
    expect(probes.filter(([, verify]) => verify()).map(([name]) => name)).toEqual([]);
  });

  it('refuses impossible index/size pairs and malformed hashes', () => {
    for (const [index, size] of [[0, 0], [1, 0], [2, 1], [-1, 1], [0.5, 2]]) expect(verifyInclusion(CT_LEAVES[0], index, size, [], CT_ROOTS[0])).toBe(false);
    const single = leafHash(Buffer.from('data'));
    expect(verifyInclusion(Buffer.from('data'), 0, 1, [], single)).toBe(true);
    expect(verifyInclusion(Buffer.from('data'), 0, 1, [], hex(single).toUpperCase())).toBe(true);
    expect(verifyInclusion(Buffer.from('data'), 0, 1, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(Buffer.from('data'), 0, 1, [], 'zz'.repeat(32))).toBe(false);
  });
});

describe('RFC 6962 Merkle tree: hand-computed trees', () => {
  const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((s) => Buffer.from(s));
  const L = (x: Buffer) => sha(Buffer.from([0]), x);
  const N = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);

  it('three leaves: the odd leaf joins the root directly, not a duplicated node', () => {
    const tree = MerkleTree.ofLeaves([a, b, c]);
    expect(hex(tree.root())).toBe(hex(N(N(L(a), L(b)), L(c))));
    expect(tree.auditPath(2).map(hex)).toEqual([hex(N(L(a), L(b)))]);
    expect(tree.auditPath(0).map(hex)).toEqual([hex(L(b)), hex(L(c))]);
  });

  it('five leaves split 4 + 1', () => {
    const tree = MerkleTree.ofLeaves([a, b, c, d, e]);
    expect(hex(tree.root())).toBe(hex(N(N(N(L(a), L(b)), N(L(c), L(d))), L(e))));
    expect(tree.auditPath(4).map(hex)).toEqual([hex(N(N(L(a), L(b)), N(L(c), L(d))))]);
    expect(tree.auditPath(3).map(hex)).toEqual([hex(L(c)), hex(N(L(a), L(b))), hex(L(e))]);
  });

  it('refuses an audit path for a leaf outside the tree', () => {
    expect(() => MerkleTree.ofLeaves([a]).auditPath(1)).toThrow(RangeError);
    expect(() => MerkleTree.ofLeaves([]).auditPath(0)).toThrow(RangeError);
  });
});

describe('RFC 6962 Merkle tree: property over every size up to 64', () => {
  it('matches the literal recursive definition; every leaf verifies; a flipped bit anywhere fails', () => {
    for (let n = 1; n <= 64; n++) {
      const leaves = Array.from({ length: n }, () => randomBytes(1 + Math.floor(Math.random() * 40)));
      const tree = MerkleTree.ofLeaves(leaves);
      const root = hex(tree.root());
      expect(root).toBe(hex(referenceMth(leaves)));
      for (let m = 0; m < n; m++) {
        const path = tree.auditPath(m).map(hex);
        expect(path).toEqual(referencePath(m, leaves).map(hex));
        expect(verifyInclusion(leaves[m], m, n, path, root)).toBe(true);
        const flippedLeaf = Buffer.from(leaves[m]);
        flippedLeaf[flippedLeaf.length - 1] ^= 1;
        expect(verifyInclusion(flippedLeaf, m, n, path, root)).toBe(false);
        expect(verifyInclusion(leaves[m], m, n, path, flipBit(root, m % 8))).toBe(false);
        if (path.length > 0) {
          const j = m % path.length;
          expect(verifyInclusion(leaves[m], m, n, path.map((h, i) => (i === j ? flipBit(h, n % 8) : h)), root)).toBe(false);
        }
        if (n > 1) expect(verifyInclusion(leaves[m], (m + 1) % n, n, path, root)).toBe(false);
      }
    }
  });
});
