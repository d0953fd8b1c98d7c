import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * A V8 CPU profile of the calling thread (main or worker) between `start()` and `stop(file)`,
 * through the inspector: the bench profiles only the measured window of a scenario, not the
 * start-up or the warm-up (`BENCH_CPU_PROF`).
 */
export class ThreadProfiler {
  private session?: Session;

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) =>
      (this.session as Session).post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  }

  async start(intervalUs = 500): Promise<void> {
    if (this.session) return;
    this.session = new Session();
    this.session.connect();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await this.post('Profiler.start');
  }

  async stop(file: string): Promise<void> {
    if (!this.session) return;
    const { profile } = await this.post<{ profile: unknown }>('Profiler.stop');
    this.session.disconnect();
    this.session = undefined;
    writeFileSync(file, JSON.stringify(profile));
  }
}
