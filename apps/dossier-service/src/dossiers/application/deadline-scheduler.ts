import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { dossierDueSoon, dossierOverdue } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { CLOCK, type Clock } from '../../common/clock';
import { DOSSIER_OPTIONS, type DossierServiceOptions } from '../../common/tokens';
import { DossierRepository } from './dossier.repository.port';
import { DossierEvents } from './dossier-events';

/**
 * Flags dossiers that became overdue or are due within a day and publishes `dossier.overdue` /
 * `dossier.due-soon` for the newly flagged ones, in the same transaction as the flags. A plain
 * interval (no extra dependency); with several replicas the flag columns make each dossier
 * flagged (and announced) once, because the UPDATE … WHERE flag IS NULL row-locks and re-checks.
 */
@Injectable()
export class DeadlineScheduler implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dossiers: DossierRepository,
    private readonly events: DossierEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOSSIER_OPTIONS) private readonly options: DossierServiceOptions,
  ) {}

  onModuleInit(): void {
    const interval = this.options.schedulerIntervalMs ?? 60_000;
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
    return this.transactions.run(async () => {
      const overdue = await this.dossiers.flagOverdue(now);
      const dueSoon = await this.dossiers.flagDueSoon(now);
      for (const d of overdue) await this.events.publish(dossierOverdue, d, d.status, 'SYSTEM');
      for (const d of dueSoon) await this.events.publish(dossierDueSoon, d, d.status, 'SYSTEM');
      return { overdue: overdue.map((d) => d.code), dueSoon: dueSoon.map((d) => d.code) };
    });
  }
}
