import { Injectable } from '@nestjs/common';
import type { DossierEventState, EventInput, dossierEvents } from '@xaso/contracts';
import { type NewEvent, Outbox } from '@xaso/messaging';
import { currentCorrelationId } from '@xaso/observability';
import type { DossierRecord } from './dossier.records';
import { shownDueAt } from './domain-bridge';

/** Any `dossier.*` contract definition. */
export type DossierEventDefinition = (typeof dossierEvents)[number];

/** What a dossier event carries beyond the dossier's state, by its definition (`{}` for most). */
export type DossierEventExtra<D extends DossierEventDefinition> = D extends DossierEventDefinition
  ? Omit<EventInput<D>, keyof DossierEventState>
  : never;

/** The extra fields as an argument: optional when the event has none. */
type ExtraArgument<D extends DossierEventDefinition> = object extends DossierEventExtra<D> ? [extra?: DossierEventExtra<D>] : [extra: DossierEventExtra<D>];

/** Events per outbox statement when many are published at once (4 parameters each, well under PostgreSQL's 65,535). */
const PUBLISH_BATCH = 1_000;

/** Publishes `dossier.*` events through the outbox (inside the caller's transaction). */
@Injectable()
export class DossierEvents {
  constructor(private readonly outbox: Outbox) {}

  /** One dossier.* event: no personal data, only codes, units, dates and statuses (plus the event's own fields). */
  async publish<D extends DossierEventDefinition>(
    definition: D,
    d: DossierRecord,
    previousStatus: string | null,
    actorRole: string,
    ...[extra]: ExtraArgument<D>
  ): Promise<void> {
    await this.outbox.publish(this.draft(definition, d, previousStatus, actorRole, extra));
  }

  /**
   * The same event for many dossiers at once (a scheduler's scan), each with its own status as the
   * previous one: multi-row outbox INSERTs of at most `PUBLISH_BATCH` events instead of one
   * statement per dossier.
   */
  async publishForEach<D extends DossierEventDefinition>(definition: D, dossiers: readonly DossierRecord[], actorRole: string): Promise<void> {
    for (let start = 0; start < dossiers.length; start += PUBLISH_BATCH) {
      const batch = dossiers.slice(start, start + PUBLISH_BATCH);
      await this.outbox.publish(batch.map((d) => this.draft(definition, d, d.status, actorRole, undefined)));
    }
  }

  private draft<D extends DossierEventDefinition>(
    definition: D,
    d: DossierRecord,
    previousStatus: string | null,
    actorRole: string,
    extra: DossierEventExtra<D> | undefined,
  ): NewEvent<D> {
    const state: DossierEventState = {
      code: d.code,
      procedureCode: d.procedureCode,
      status: d.status,
      previousStatus,
      channel: d.channel,
      receivingUnitCode: d.receivingUnitCode,
      competentUnitCode: d.competentUnitCode,
      processingUnitCode: d.processingUnitCode,
      receivedAt: d.receivedAt.toISOString(),
      dueAt: shownDueAt(d)?.toISOString() ?? null,
      actorRole,
    };
    return {
      definition,
      aggregateType: 'Dossier',
      aggregateId: d.code,
      unitCode: d.processingUnitCode,
      correlationId: currentCorrelationId(),
      // State plus the extra fields typed by the same definition: the whole payload (TypeScript cannot join the two for a generic D).
      payload: { ...state, ...extra } as EventInput<D>,
    };
  }
}
