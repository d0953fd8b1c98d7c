import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cpuSample, processCpuMs, type CpuSample } from './cpu';
import { ThreadProfiler } from './profiler';

/**
 * The servers under test run in a child process of their own, the load generator in this one:
 * on a 2-core machine that gives each its own event loop (and, mostly, its own core) instead of
 * one loop measuring itself.
 */
export type ChildMessage<I> = { type: 'ready'; info: I } | { type: 'failed'; error: string } | { type: 'cpu'; sample: CpuSample }
  | { type: 'profile-done'; error?: string };

/**
 * What a child's `start` returns: its info, how to close, and optionally its CPU per part and a
 * CPU profiler of its threads (default: the main thread, `<prefix>-main.cpuprofile`).
 */
export interface ChildTarget<Info> {
  info: Info;
  close(): Promise<void>;
  cpu?: () => Record<string, number | undefined>;
  profile?: (action: 'start' | 'stop', filePrefix: string) => Promise<void>;
}

export interface ChildHandle<I> {
  info: I;
  pid: number;
  logFile: string;
  /** The child's cumulative CPU per part (`total` = the process; the platform adds its threads). */
  cpu(): Promise<CpuSample>;
  /** Starts, or stops and writes (`<filePrefix>-<thread>.cpuprofile`), a V8 CPU profile of the child's threads. */
  profile(action: 'start' | 'stop', filePrefix: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startChild<I>(options: {
  script: string;
  input: unknown;
  logFile: string;
  env?: NodeJS.ProcessEnv;
  startupTimeoutMs?: number;
}): Promise<ChildHandle<I>> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'w');
  const child: ChildProcess = fork(resolve(options.script), [], {
    // BENCH_CPU_PROF profiles are taken over the measured windows only (`profile()`), not with --cpu-prof.
    execArgv: ['-r', '@swc-node/register', ...(process.env.BENCH_V8_FLAGS ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, ...options.env, BENCH_CHILD_INPUT: JSON.stringify(options.input) },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const info = await new Promise<I>((ready, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`${options.script} did not start within ${options.startupTimeoutMs ?? 180_000} ms (log: ${options.logFile})`));
    }, options.startupTimeoutMs ?? 180_000);
    child.on('message', (message: ChildMessage<I>) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        ready(message.info);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        fail(new Error(`${options.script} failed to start: ${message.error} (log: ${options.logFile})`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${options.script} exited with code ${code} before it was ready (log: ${options.logFile})`));
    });
  }).catch(async (error) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  });

  return {
    info,
    pid: child.pid ?? -1,
    logFile: options.logFile,
    cpu: () =>
      new Promise<CpuSample>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`${options.script} did not report its CPU`)), 10_000);
        const onMessage = (message: ChildMessage<I>) => {
          if (message.type !== 'cpu') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          done(message.sample);
        };
        child.on('message', onMessage);
        child.send({ type: 'cpu' });
      }),
    profile: (action, filePrefix) =>
      new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`${options.script} did not answer the profile ${action}`)), 60_000);
        const onMessage = (message: ChildMessage<I>) => {
          if (message.type !== 'profile-done') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          if (message.error) fail(new Error(message.error));
          else done();
        };
        child.on('message', onMessage);
        child.send({ type: 'profile', action, filePrefix });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Child side: reads its input, runs `start`, reports ready, and closes on the parent's "stop" (or when the parent goes away). */
export function runAsChild<In, Info>(
start: (input: In) => Promise<ChildTarget<Info>>): void {
  if (!process.send) throw new Error('this script is started by bench/run.ts (it needs an IPC channel)');
  const send = process.send.bind(process);
  const input = JSON.parse(process.env.BENCH_CHILD_INPUT ?? '{}') as In;
  start(input).then(
    ({ info, close, cpu, profile }) => {
      const mainProfiler = new ThreadProfiler();
      const profileThreads =
        profile ?? ((action: 'start' | 'stop', prefix: string) => (action === 'start' ? mainProfiler.start() : mainProfiler.stop(`${prefix}-main.cpuprofile`)));
      let closing = false;
      const shutdown = () => {
        if (closing) return;
        closing = true;
        const force = setTimeout(() => process.exit(0), 15_000);
        force.unref();
        close()
          .catch((error) => console.error('close failed', error))
          .finally(() => process.exit(0));
      };
      process.on('message', (message: { type?: string; action?: 'start' | 'stop'; filePrefix?: string }) => {
        if (message?.type === 'profile' && message.action) {
          profileThreads(message.action, message.filePrefix ?? 'profile').then(
            () => send({ type: 'profile-done' } satisfies ChildMessage<Info>),
            (error: Error) => send({ type: 'profile-done', error: error.message } satisfies ChildMessage<Info>),
          );
        }
        if (message?.type === 'stop') shutdown();
        if (message?.type === 'cpu') send({ type: 'cpu', sample: cpuSample({ total: processCpuMs(), ...cpu?.() }) } satisfies ChildMessage<Info>);
      });
      process.on('disconnect', shutdown);
      send({ type: 'ready', info } satisfies ChildMessage<Info>);
    },
    (error: Error) => {
      console.error(error);
      send({ type: 'failed', error: error.message.split('\n')[0] } satisfies ChildMessage<Info>, () => process.exit(1));
    },
  );
}
