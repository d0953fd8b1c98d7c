import type { EventInput, RearrangementParticipant, rearrangementCommandIssued } from '@xaso/contracts';

export type SagaCommand = EventInput<typeof rearrangementCommandIssued>;

/** Port: sends a command to a participant (through the outbox, in the caller's transaction). */
export abstract class SagaCommandPublisher {
  abstract publish(command: SagaCommand): Promise<void>;
}

/** Port: what must never be swallowed (FAILED_TO_COMPENSATE): an error log line and a metric. */
export abstract class SagaAlerts {
  abstract failedToCompensate(planId: string, reason: string): void;
  abstract stepFailed(planId: string, service: string, step: string, reason: string): void;
}

export const SAGA_SETTINGS = Symbol('SAGA_SETTINGS');

export interface SagaSettings {
  /** The services that take part (each must run the participant). */
  participants: RearrangementParticipant[];
  /** A chunk not answered within this is sent again (same command, attempt + 1). */
  timeoutMs: number;
  /** Sends per chunk before its step fails. */
  maxAttempts: number;
  chunkUnits: number;
  /** How often the timeout check runs (0: never, tests drive it). */
  tickMs: number;
}
