import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ScanDeadlines } from '../application/scan-deadlines.use-case';

/** How often the deadline scan runs (ms); 0 disables it. */
export const DEADLINE_SCAN_INTERVAL_MS = Symbol('DEADLINE_SCAN_INTERVAL_MS');

/** PETITION_ESCALATION_INTERVAL_MS, else 15 min. */
export const deadlineScanIntervalFromEnv = (env: NodeJS.ProcessEnv = process.env): number =>
  Number(env.PETITION_ESCALATION_INTERVAL_MS ?? 15 * 60_000);

/**
 * Runs `ScanDeadlines` (due-soon notices, escalation) on an interval that lives from the app's
 * bootstrap to its shutdown: `app.close()` stops it and waits for a scan in progress.
 */
@Injectable()
export class DeadlineScanScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DeadlineScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly scan: ScanDeadlines,
    @Inject(DEADLINE_SCAN_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  /** True while the interval is set. */
  get active(): boolean {
    return this.timer !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!(this.intervalMs > 0)) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.scan
        .execute()
        .then((r) => r.dueSoon.length + r.escalated.length && this.log.log(`due soon: ${r.dueSoon.length}, escalated: ${r.escalated.length}`))
        .catch((error: Error) => this.log.warn(`deadline scan failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
