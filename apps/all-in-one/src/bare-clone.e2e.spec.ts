import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { waitUntil } from '@xaso/testing';
import { REPO_ROOT } from './services';

/**
 * What a new user does on a fresh machine: `git clone` of this repository alone (nothing beside
 * it) into a folder other users cannot enter (mode 0700, like /root/...), then `npm start`. The
 * clone is of the committed HEAD; its node_modules are hard links to this checkout's (a copy
 * without the minute of `npm install`; same files, inside the clone). Everything the platform
 * reads at run time must come from the clone. Run as root (CI is), the embedded PostgreSQL runs
 * as the `postgres` user, which cannot enter the clone's folder: this proves it starts anyway.
 */
jest.setTimeout(400_000);

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

interface Started {
  child: ChildProcess;
  output: () => string;
  errors: () => string;
  /** Resolves when every process that held the launcher's stdout and stderr has ended. */
  closed: Promise<void>;
}

/** Environment of a user's shell: none of the test run's databases, brokers, ports or npm/jest variables. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/DATABASE_URL$|^KAFKA_BROKERS$|^ADMIN_UNITS_DIR$|^DATA_DIR$|^ALL_IN_ONE_|^SERVICE_|^PORT$|^EMBEDDED_POSTGRES_PORT$|^NODE_ENV$|^NODE_OPTIONS$|^JEST_|^npm_|^SWC_NODE_PROJECT$|^AUTH_/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, PORT: '0', SERVICE_BASE_PORT: '0', EMBEDDED_POSTGRES_PORT: '0', ...extra };
}

function npmStart(cwd: string, extra: Record<string, string> = {}): Started {
  const child = spawn('npm', ['start'], { cwd, env: userEnv(extra), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const closed = Promise.all([
    new Promise<void>((done) => child.stdout!.once('close', () => done())),
    new Promise<void>((done) => child.stderr!.once('close', () => done())),
  ]).then(() => undefined);
  return { child, output: () => out, errors: () => err, closed };
}

const last = (text: string, lines = 25) => text.trim().split('\n').slice(-lines).join('\n');

/** Waits for the `Ready in N s on URL` line; fails (and kills the process group) on exit or after START_TIMEOUT_MS. */
async function ready(started: Started): Promise<{ url: string; seconds: number }> {
  const gone = () => started.child.exitCode !== null || started.child.signalCode !== null;
  const readyLine = () => /Ready in ([\d.]+) s on (http:\/\/\S+)/.exec(started.output());
  await waitUntil('npm start to print Ready (or exit)', () => readyLine() !== null || gone(), START_TIMEOUT_MS, 100).catch(() => undefined);
  const match = readyLine();
  if (match) return { seconds: Number(match[1]), url: match[2] };
  try {
    process.kill(-started.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  throw new Error(`npm start did not get ready:\n--- stdout\n${last(started.output())}\n--- stderr\n${last(started.errors())}`);
}

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms).unref())]);

describe('npm start in a bare clone, inside a folder other users cannot enter', () => {
  let root: string;
  let clone: string;
  const dataDirs = new Set<string>();
  let preparedMs = 0;

  beforeAll(() => {
    const began = Date.now();
    root = mkdtempSync(join(tmpdir(), 'xaso-bare-'));
    if ((statSync(root).mode & 0o077) !== 0) throw new Error(`${root} is open to other users`);
    clone = join(root, 'xaso');
    execFileSync('git', ['clone', '--quiet', REPO_ROOT, clone], { stdio: 'pipe' });
    try {
      execFileSync('cp', ['-al', join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules')], { stdio: 'pipe' });
    } catch {
      // Another file system than this checkout's: link the folder (only code is read from it).
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    }
    preparedMs = Date.now() - began;
  });

  afterAll(() => {
    for (const dir of dataDirs) {
      // Relocated data (root): /var/lib/xaso/<hash>/postgres; remove <hash> with it.
      rmSync(dir.startsWith(clone) ? dir : dirname(dir), { recursive: true, force: true });
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('contains nothing beside the clone, and the clone has the admin-unit data but no database yet', () => {
    expect(execFileSync('ls', ['-A', root], { encoding: 'utf8' }).trim()).toBe('xaso');
    expect(existsSync(join(clone, 'data', 'admin-units', 'units-2025.csv'))).toBe(true);
    expect(existsSync(join(clone, 'data', 'postgres'))).toBe(false);
  });

  it('fails loudly when a service cannot start: exit status 1, the reason on stderr, no Ready line', async () => {
    const empty = join(root, 'no-units');
    mkdirSync(empty);
    const failing = npmStart(clone, { ADMIN_UNITS_DIR: empty, DATA_DIR: join(root, 'failing-data') });
    const exit = new Promise<number | null>((done) => failing.child.once('exit', (code) => done(code)));
    const code = await withTimeout(exit, START_TIMEOUT_MS, 'the failing start');
    await withTimeout(failing.closed, STOP_TIMEOUT_MS, 'the failing start to release its output');
    const dataDir = /data in ([^\s"]+)/.exec(failing.output())?.[1];
    if (dataDir) dataDirs.add(dataDir);
    expect(code).toBe(1);
    expect(failing.errors()).toMatch(/Xã Số did not start: merger-service did not start: ENOENT[^\n]*no-units[^\n]*\.csv/);
    expect(failing.output()).not.toMatch(/Ready in/);
  });

  it('reaches Ready with every service, the import done and the replicas filled; stops cleanly on SIGTERM; starts again warm', async () => {
    const cold = npmStart(clone);
    const { url, seconds } = await ready(cold);
    const output = cold.output();
    expect(output).toMatch(/Xã Số is running \(dossier, evaluation, merger, petition, voting; PostgreSQL embedded/);
    expect(output).not.toMatch(/NOT STARTED/);
    const dataDir = /^ {2}Data {9}(\S+)$/m.exec(output)?.[1];
    expect(dataDir).toBeDefined();
    dataDirs.add(dataDir!);
    if (process.getuid?.() === 0) {
      // The postgres user cannot enter the 0700 folder: the data lives where it can, not in the clone.
      expect(dataDir!.startsWith(clone)).toBe(false);
      expect(readFileSync(join(dirname(dataDir!), 'data-dir-of'), 'utf8').trim()).toBe(join(clone, 'data', 'postgres'));
    }

    // Ready means usable at once: every subgraph's service ready, nothing to wait for.
    const health = await fetch(`${url}/health/ready`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      info: { 'subgraph:merger': { status: 'up' }, 'subgraph:dossier': { status: 'up' }, 'subgraph:petition': { status: 'up' } },
    });
    const gqlAt = async (base: string, query: string, variables?: unknown, token?: string) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
    };
    const gql = (query: string, variables?: unknown, token?: string) => gqlAt(url, query, variables, token);
    const units = await gql(`{
      unit: administrativeUnit(code: "00004") { name }
      provinces: administrativeUnits(level: PROVINCE) { totalCount }
      communes: administrativeUnits(level: COMMUNE) { totalCount }
    }`);
    expect(units.errors).toBeUndefined();
    expect(units.data).toEqual({ unit: { name: 'Phường Ba Đình' }, provinces: { totalCount: 34 }, communes: { totalCount: 3321 } });

    // dossier-service's replica is filled right at Ready: a unit of another province is refused
    // (an empty replica would accept any code), a unit of the same province is accepted.
    const tokenResponse = await fetch(`${url}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'CITIZEN', sub: 'bare-clone', idNumber: '001090007777', name: 'Lê Văn Mới' }),
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    const submit = (receivingUnitCode: string) =>
      gql('mutation($input: SubmitDossierInput!) { submitDossier(input: $input) { code } }', {
        input: {
          procedureCode: 'HT.010', receivingUnitCode, competentUnitCode: '00004', channel: 'ONLINE',
          applicant: { fullName: 'Lê Văn Mới', idNumber: '001090007777', phone: '0912345670', email: 'moi@example.vn', address: 'Tổ 1' },
          formData: { purpose: 'Xây nhà ở' },
          attachments: [{ name: 'don.pdf', mediaType: 'application/pdf', size: 1024, sha256: 'c'.repeat(64) }],
        },
      }, token);
    expect((await submit('25747')).errors?.[0]?.extensions?.code).toBe('OUTSIDE_PROVINCE');
    const accepted = await submit('00025');
    expect(accepted.errors).toBeUndefined();

    // A process manager's SIGTERM to npm: npm and its shell exit at once; the launcher still stops everything.
    const postmasterPid = Number(readFileSync(join(dataDir!, 'postmaster.pid'), 'utf8').split('\n')[0]);
    cold.child.kill('SIGTERM');
    await withTimeout(cold.closed, STOP_TIMEOUT_MS, 'stopping after SIGTERM');
    expect(cold.output()).toMatch(/SIGTERM: shutting down/);
    expect(cold.output()).toMatch(/"msg":"stopped"|\bstopped\b/);
    expect(cold.output() + cold.errors()).not.toMatch(/took longer than|again: exiting now/);
    expect(existsSync(join(dataDir!, 'postmaster.pid'))).toBe(false);
    expect(() => process.kill(postmasterPid, 0)).toThrow();
    expect(existsSync(join(clone, 'data', 'postgres'))).toBe(process.getuid?.() !== 0);

    // Warm: the same data, no second import.
    const warm = npmStart(clone);
    const again = await ready(warm);
    expect(warm.output()).not.toMatch(/seeded its empty database/);
    const still = await gqlAt(again.url, '{ administrativeUnit(code: "00004") { name } administrativeUnits(level: PROVINCE) { totalCount } }');
    expect(still.data).toEqual({ administrativeUnit: { name: 'Phường Ba Đình' }, administrativeUnits: { totalCount: 34 } });
    process.kill(-warm.child.pid!, 'SIGTERM'); // Ctrl+C-like: the whole process group
    await withTimeout(warm.closed, STOP_TIMEOUT_MS, 'stopping the warm start');
    expect(existsSync(join(dataDir!, 'postmaster.pid'))).toBe(false);
    const phases = (text: string) => /phases \(ms\): ([^\n]*)/.exec(text)?.[1];
    console.log(
      `bare clone: prepared (git clone + hard-linked node_modules) in ${(preparedMs / 1000).toFixed(1)} s; npm start cold ${seconds} s ` +
        `(${phases(output)}), warm ${again.seconds} s (${phases(warm.output())}); data in ${dataDir}`,
    );
  });
});
