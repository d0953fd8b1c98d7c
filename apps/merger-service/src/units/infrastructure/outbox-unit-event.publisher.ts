import { Injectable } from '@nestjs/common';
import type { EventDefinition } from '@xaso/contracts';
import { Outbox } from '@xaso/messaging';
import { UnitEventPublisher, type UnitEventDraft } from '../application/unit-event-publisher.port';

/** Writes the event into the service's transactional outbox (the relay sends it to `xaso.merger.events.v1`). */
@Injectable()
export class OutboxUnitEventPublisher extends UnitEventPublisher {
  constructor(private readonly outbox: Outbox) {
    super();
  }

  async publish<D extends EventDefinition>(event: UnitEventDraft<D>): Promise<void> {
    await this.outbox.publish(event);
  }
}
