import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OsUser, traversableBy } from './embedded-postgres-place';

/** Whether the postgres user could reach a clone: the execute bit that applies to it on every folder above. */
describe('traversableBy', () => {
  let root: string;
  const stranger: OsUser = { name: 'stranger', uid: 64_000, gid: 64_000, groups: [64_000] };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'xaso-traverse-'));
    mkdirSync(join(root, 'clone', 'data'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a folder inside one that only its owner may enter (mkdtemp makes 0700)', () => {
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(traversableBy(join(root, 'clone', 'data'), stranger)).toBe(false);
  });

  it('accepts it once every folder above lets others through', () => {
    chmodSync(root, 0o711);
    expect(traversableBy(join(root, 'clone', 'data'), stranger)).toBe(true);
  });

  it('uses the group bit for a member of the folder’s group, and the owner bit for its owner', () => {
    const member: OsUser = { name: 'member', uid: 64_001, gid: 64_001, groups: [64_001, statSync(root).gid] };
    chmodSync(root, 0o710);
    expect(traversableBy(join(root, 'clone'), stranger)).toBe(false);
    expect(traversableBy(join(root, 'clone'), member)).toBe(true);
    const self: OsUser = { name: 'self', uid: statSync(root).uid, gid: 64_002, groups: [64_002] };
    chmodSync(root, 0o700);
    expect(traversableBy(join(root, 'clone'), self)).toBe(true);
  });

  it('treats folders that do not exist yet as reachable (they are created 0755)', () => {
    chmodSync(root, 0o755);
    expect(traversableBy(join(root, 'clone', 'data', 'postgres', 'new'), stranger)).toBe(true);
  });
});
