import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The repository root (this file is tools/chaos/src/lib/processes.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port of 127.0.0.1 (asked from the OS: never a fixed one other runs may use). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface ServiceProcessOptions {
  /** `dossier`, `petition`, `evaluation`, `gateway`, or a tool's name. */
  name: string;
  /** The TypeScript entry point, relative to the repository root. */
  entry: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Folder for `<name>.log` (stdout and stderr of every incarnation, appended). */
  logDir: string;
  /** Path answering 200 once the process serves (default `/health/live`); null: no HTTP server. */
  livePath?: string | null;
  startTimeoutMs?: number;
  /** A compiled build of the repository (`buildForProcesses()`): start its JavaScript, not the TypeScript. */
  buildRoot?: string;
}

/**
 * One service as a separate OS process (`node -r @swc-node/register <entry>`), as a pod runs it:
 * `start()` spawns it and waits until it answers; `kill()` sends SIGKILL (no shutdown hook, no
 * flush: the process stops at whatever instruction it was on); `start()` again restarts it on the
 * same port and database. Every child is killed when this process exits.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  /** Completed starts (1 = first start). */
  starts = 0;
  kills = 0;
  /** ms from spawn to answering, per start. */
  readonly startMs: number[] = [];
  private static readonly all = new Set<ServiceProcess>();

  constructor(readonly options: ServiceProcessOptions) {
    if (ServiceProcess.all.size === 0) process.once('exit', () => ServiceProcess.all.forEach((p) => p.child?.kill('SIGKILL')));
    ServiceProcess.all.add(this);
  }

  get name(): string {
    return this.options.name;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<number> {
    if (this.running) throw new Error(`${this.name} is running already`);
    const began = Date.now();
    const fd = openSync(join(this.options.logDir, `${this.name}.log`), 'a');
    const { buildRoot } = this.options;
    const args = buildRoot
      ? ['-r', join(__dirname, 'compiled-preload.js'), join(buildRoot, this.options.entry.replace(/\.ts$/, '.js'))]
      : ['-r', '@swc-node/register', join(REPO_ROOT, this.options.entry)];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: {
        ...this.options.env,
        ...(buildRoot ? { CHAOS_BUILD_ROOT: buildRoot } : {}),
        SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    const livePath = this.options.livePath === undefined ? '/health/live' : this.options.livePath;
    const deadline = began + (this.options.startTimeoutMs ?? 180_000);
    if (livePath !== null) {
      for (;;) {
        if (!this.running || this.child !== child) throw new Error(`${this.name} exited during start (see ${this.options.logDir}/${this.name}.log)`);
        if (Date.now() > deadline) throw new Error(`${this.name} did not answer ${livePath} within ${this.options.startTimeoutMs ?? 180_000} ms`);
        const ok = await fetch(`${this.url}${livePath}`, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.status === 200)
          .catch(() => false);
        if (ok) break;
        await sleep(100);
      }
    }
    this.starts++;
    const ms = Date.now() - began;
    this.startMs.push(ms);
    return ms;
  }

  /** SIGKILL, then waits for the exit. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill('SIGKILL');
    await this.exited;
    this.kills++;
  }

  /** SIGTERM (graceful: shutdown hooks run), then waits; SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    const done = await Promise.race([this.exited!.then(() => true), sleep(15_000).then(() => false)]);
    if (!done) await this.kill();
  }
}
