import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ServiceCatalogueEntry } from './services';

/** The worker entry (plain JS: it registers TypeScript itself, then loads the service's definition). */
export const SERVICE_WORKER_ENTRY = join(__dirname, 'service-worker.js');

export interface ServiceWorkerOptions {
  port: number;
  databaseUrl: string;
  logger: boolean;
  /** Run the definition's `seedIfEmpty(app)` after start (merger: the admin units). */
  seed: boolean;
  /** The worker's process.env. */
  env: NodeJS.ProcessEnv;
  /** How long the service may take to be ready (incl. seeding). */
  timeoutMs: number;
  /** How long `close()` waits for the app to close before the thread is terminated (default 10 s). */
  closeTimeoutMs?: number;
}

type WorkerMessage =
  | { type: 'ready'; port: number; seeded: boolean; seedMs: number; osThreadId?: number }
  | { type: 'closed' }
  | { type: 'cpu-profile-done'; error?: string }
  | { type: 'error'; message: string; stack?: string };

const log = new Logger('AllInOne');

function remoteError(name: string, message: { message: string; stack?: string }): Error {
  const error = new Error(`${name}-service: ${message.message}`);
  if (message.stack) error.stack = `${error.message}\n  (in its worker thread) ${message.stack}`;
  return error;
}

/**
 * One service in its own `node:worker_threads` Worker: its own module registry, so the
 * code-first GraphQL type registry of @nestjs/graphql (process-global, nestjs/graphql#721) is
 * not shared with the other services. Still one OS process.
 */
export class ServiceWorker {
  private exited = false;
  private closing?: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly worker: Worker,
    readonly port: number,
    readonly seeded: boolean,
    readonly seedMs: number,
    private readonly closeTimeoutMs: number,
    /** The worker's Linux thread id (its CPU time is /proc/self/task/<id>/stat); undefined elsewhere. */
    readonly osThreadId?: number,
  ) {}

  get threadId(): number {
    return this.worker.threadId;
  }

  /**
   * Spawns the worker and resolves once it posted `ready`; rejects on `error`, on an early exit or
   * after `timeoutMs` (the thread is terminated then). `onCrash` is called when the thread dies
   * later without having been asked to close.
   */
  static start(service: ServiceCatalogueEntry, options: ServiceWorkerOptions, onCrash: (error: Error) => void): Promise<ServiceWorker> {
    const worker = new Worker(SERVICE_WORKER_ENTRY, {
      workerData: {
        name: service.name,
        definitionPath: service.definitionPath,
        port: options.port,
        databaseUrl: options.databaseUrl,
        logger: options.logger,
        seed: options.seed,
      },
      env: { ...options.env },
      name: `${service.name}-service`,
    });
    return new Promise<ServiceWorker>((resolve, reject) => {
      let settled = false;
      let running: ServiceWorker | undefined;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate().catch(() => undefined);
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error(`${service.name}-service was not ready after ${options.timeoutMs} ms (SERVICE_START_TIMEOUT_MS); its worker thread was terminated`)),
        options.timeoutMs,
      );
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready' && !settled) {
          settled = true;
          clearTimeout(timer);
          running = new ServiceWorker(
            service.name,
            worker,
            message.port,
            message.seeded,
            message.seedMs,
            options.closeTimeoutMs ?? 10_000,
            message.osThreadId,
          );
          resolve(running);
        } else if (message.type === 'error') {
          const error = remoteError(service.name, message);
          if (!settled) fail(error);
          else log.error(error.stack ?? error.message);
        }
      });
      worker.on('error', (error) => {
        // An uncaught exception in the thread: it is gone.
        if (!settled) fail(new Error(`${service.name}-service worker thread failed while starting: ${error.stack ?? error.message}`));
        else if (running && !running.closing) onCrash(error);
      });
      worker.on('exit', (code) => {
        if (running) running.exited = true;
        if (!settled) fail(new Error(`${service.name}-service worker thread exited (code ${code}) before it was ready`));
        else if (running && !running.closing) onCrash(new Error(`${service.name}-service worker thread exited unexpectedly (code ${code})`));
      });
    });
  }

  /** Starts, or stops and writes to `file`, a V8 CPU profile of the worker thread (bench/ profiles a measured window). */
  cpuProfile(action: 'start' | 'stop', file?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'cpu-profile-done') return;
        this.worker.off('message', onMessage);
        if (message.error) reject(new Error(`${this.name}-service: ${message.error}`));
        else resolve();
      };
      this.worker.on('message', onMessage);
      this.worker.postMessage({ type: 'cpu-profile', action, file });
    });
  }

  /** Asks the worker to close its Nest app; terminates the thread if that takes longer than the close timeout. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        log.error(`${this.name}-service did not close within ${this.closeTimeoutMs} ms: terminating its worker thread`);
        void this.worker.terminate().catch(() => undefined);
      }, this.closeTimeoutMs);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'closed') {
          // The worker exits by itself right after; make sure it does.
          setTimeout(() => void this.worker.terminate().catch(() => undefined), 1_000).unref();
        }
      });
      this.worker.postMessage({ type: 'close' });
    });
    return this.closing;
  }
}
