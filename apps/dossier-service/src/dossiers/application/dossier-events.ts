import { Injectable } from '@nestjs/common';
import { Outbox } from '@xaso/messaging';
import { currentCorrelationId } from '@xaso/observability';
import type { DossierRecord } from '../infrastructure/dossier.repository';
import { shownDueAt } from './domain-bridge';

/** Publishes `dossier.*` events through the outbox (inside the caller's transaction). */
@Injectable()
export class DossierEvents {
  constructor(private readonly outbox: Outbox) {}

  /** One dossier.* event: no personal data, only codes, units, dates and statuses (plus `extra`). */
  async publish(type: string, d: DossierRecord, previousStatus: string | null, actorRole: string, extra: Record<string, unknown> = {}) {
    await this.outbox.publish({
      type,
      aggregateType: 'Dossier',
      aggregateId: d.code,
      unitCode: d.processingUnitCode,
      correlationId: currentCorrelationId(),
      payload: {
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
        ...extra,
      },
    });
  }
}
