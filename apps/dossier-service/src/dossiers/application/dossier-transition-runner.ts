import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { CurrentCalendar } from '../../calendar/application/current-calendar';
import { CLOCK, type Clock } from '../../common/clock';
import { DOSSIER_OPTIONS, type DossierServiceOptions } from '../../common/tokens';
import type { DossierCommand, DossierHistoryEntry } from '../domain';
import type { DossierChanges, DossierRecord, HistoryRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';
import { DossierAccess } from './dossier-access';
import { type DossierEventDefinition, type DossierEventExtra, DossierEvents } from './dossier-events';
import { applyCommand } from './domain-bridge';

export interface TransitionSteps<D extends DossierEventDefinition = DossierEventDefinition> {
  /** Extra column changes written with the transition's own (e.g. the result note). */
  changes?: DossierChanges;
  /** Checks after the actor was authorised, before the domain decides (e.g. transfer scope). */
  before?: (d: DossierRecord) => Promise<void>;
  /** Side rows written in the same transaction; returns the event's extra payload fields (required when it has some). */
  after?: (updated: DossierRecord, now: Date, previous: DossierRecord) => Promise<DossierEventExtra<D>>;
}

/**
 * The steps every dossier change shares, written once: one transaction that loads the dossier,
 * authorises the actor (unit scope / applicant), lets the pure state machine decide, writes with
 * the version read (`UPDATE … WHERE version = $read`: CONFLICT for the loser of a race; no row
 * lock is taken), appends the history entry and publishes the `dossier.*` event through the outbox.
 */
@Injectable()
export class DossierTransitionRunner {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dossiers: DossierRepository,
    private readonly calendar: CurrentCalendar,
    private readonly access: DossierAccess,
    private readonly events: DossierEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOSSIER_OPTIONS) private readonly options: DossierServiceOptions,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  run<D extends DossierEventDefinition>(
    user: AuthUser,
    code: string,
    command: DossierCommand,
    event: D,
    steps: TransitionSteps<D> = {},
  ): Promise<DossierRecord> {
    return this.transactions.run(async () => {
      const dossier = await this.dossiers.findByCode(code);
      if (!dossier) throw new NotFoundError('Dossier', 'hồ sơ', code);
      const actor = await this.access.actorFor(user, dossier, command.type);
      await steps.before?.(dossier);
      const now = this.now();
      const { entry, changes } = applyCommand(dossier, command, actor, now, this.calendar.deadlines);
      await this.options.hooks?.beforeWrite?.(code);
      const updated = await this.dossiers.update(dossier.id, dossier.version, { ...changes, ...steps.changes });
      await this.recordHistory(dossier.id, entry, user);
      const extra = await steps.after?.(updated, now, dossier);
      // Without `after` the event has no extra fields; the outbox's validation says so if one is missing.
      await this.events.publish<DossierEventDefinition>(event, updated, dossier.status, actor.role, extra ?? {});
      return updated;
    });
  }

  /** Appends the domain's history entry (the acting user's unit for staff). */
  async recordHistory(dossierId: string, entry: DossierHistoryEntry, user: AuthUser): Promise<void> {
    await this.dossiers.addHistory(historyRecordOf(dossierId, entry, user));
  }
}

/** The history row of a domain entry (the acting user's unit for staff). */
export function historyRecordOf(dossierId: string, entry: DossierHistoryEntry, user: AuthUser): Omit<HistoryRecord, 'id'> {
  return {
    dossierId,
    action: entry.action,
    fromStatus: entry.from,
    toStatus: entry.to,
    actorSub: user.sub,
    actorRole: entry.actorRole,
    actorUnit: entry.actorRole === 'CITIZEN' ? null : (user.unitCode ?? null),
    note: entry.note,
    data: entry.data ?? null,
    at: entry.at,
  };
}
