import { Injectable, Logger } from '@nestjs/common';
import type { EventDefinition } from '@xaso/contracts';
import { UnitEventPublisher, type UnitEventDraft } from '../application/unit-events';

/**
 * TEMPORARY stand-in until `@xaso/messaging` (transactional outbox) lands: checks the payload
 * against its contract and logs it, but does NOT store or deliver it. Replace the binding in
 * units.module.ts with the outbox adapter; the use cases already call it inside their transaction.
 */
@Injectable()
export class PendingOutboxUnitEventPublisher extends UnitEventPublisher {
  private readonly logger = new Logger('merger-events');

  async publish<D extends EventDefinition>(event: UnitEventDraft<D>): Promise<void> {
    event.definition.schema.parse(event.payload);
    this.logger.debug(`${event.definition.type} ${event.aggregateId} (not delivered: messaging not wired yet)`);
  }
}
