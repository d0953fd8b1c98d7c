import { Injectable } from '@nestjs/common';
import { dossierDueSoon, dossierOverdue } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { DossierRepository } from './dossier.repository.port';
import { DossierEvents } from './dossier-events';

/**
 * Flags dossiers that became overdue or are due within a day and publishes `dossier.overdue` /
 * `dossier.due-soon` for the newly flagged ones, in the same transaction as the flags. With
 * several replicas the flag columns make each dossier flagged (and announced) once, because the
 * UPDATE … WHERE flag IS NULL row-locks and re-checks.
 */
@Injectable()
export class FlagDeadlines {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dossiers: DossierRepository,
    private readonly events: DossierEvents,
  ) {}

  /** One scan at `now`; returns the newly flagged codes. */
  execute(now: Date): Promise<{ overdue: string[]; dueSoon: string[] }> {
    return this.transactions.run(async () => {
      const overdue = await this.dossiers.flagOverdue(now);
      const dueSoon = await this.dossiers.flagDueSoon(now);
      await this.events.publishForEach(dossierOverdue, overdue, 'SYSTEM');
      await this.events.publishForEach(dossierDueSoon, dueSoon, 'SYSTEM');
      return { overdue: overdue.map((d) => d.code), dueSoon: dueSoon.map((d) => d.code) };
    });
  }
}
