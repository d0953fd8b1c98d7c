import type { EventDefinition, EventDraft } from '@xaso/contracts';

/** An event about to be written with the state change that caused it (same transaction); typed by its contract definition. */
export interface UnitEventDraft<D extends EventDefinition = EventDefinition> extends EventDraft<D> {
  /** The commune the event belongs to, when it belongs to one. */
  unitCode: string | null;
}

/**
 * Port: announces registry changes on `xaso.merger.events.v1`. Must be called inside the
 * transaction of the change (`TransactionRunner.run`), so the event commits or rolls back with it.
 */
export abstract class UnitEventPublisher {
  abstract publish<D extends EventDefinition>(event: UnitEventDraft<D>): Promise<void>;
}
