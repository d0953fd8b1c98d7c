import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock';
import { DOSSIER_OPTIONS, type DossierServiceOptions } from '../../common/tokens';
import { FlagDeadlines } from '../application/flag-deadlines.use-case';

/** `DOSSIER_DEADLINE_SCAN_INTERVAL_MS` as a number of ms (0 = off), or undefined when unset or not a whole number. */
export function scanIntervalFromEnv(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Runs `FlagDeadlines` every `schedulerIntervalMs` (a plain interval, no extra dependency; 0 disables it). */
@Injectable()
export class DeadlineScheduler implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly flagDeadlines: FlagDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOSSIER_OPTIONS) private readonly options: DossierServiceOptions,
  ) {}

  onModuleInit(): void {
    const interval = this.options.schedulerIntervalMs ?? scanIntervalFromEnv(process.env.DOSSIER_DEADLINE_SCAN_INTERVAL_MS) ?? 60_000;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error) => this.logger.warn(`deadline scan failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One scan at `now` (default: the clock); returns the newly flagged codes. */
  async runOnce(now: Date = this.clock.now()): Promise<{ overdue: string[]; dueSoon: string[] }> {
    return this.flagDeadlines.execute(now);
  }
}
