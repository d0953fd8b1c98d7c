import { type DynamicModule, Inject, Injectable, Logger, Module, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  rearrangementCommandIssued,
  rearrangementReplyDefinitions,
  type EventEnvelope,
  type EventPayload,
  type RearrangementParticipant,
  type RearrangementReply,
} from '@xaso/contracts';
import { EventConsumer, type HandlerContext, Outbox } from '@xaso/messaging';
import { RearrangementMover, type StepOutcome } from './mover';

export interface RearrangementParticipantOptions {
  service: RearrangementParticipant;
  /** The service's mover (a provider class; its dependencies come from the app, e.g. the data source). */
  mover: Type<RearrangementMover>;
}

const OPTIONS = Symbol('REARRANGEMENT_PARTICIPANT_OPTIONS');

/**
 * The participant side of the saga, the same for every service: handles
 * `rearrangement.command-issued` addressed to this service through the service's consumer (inbox:
 * a redelivered command is a no-op), runs the step with the service's mover in the inbox's
 * transaction (inside a savepoint: a failing step still answers FAILED), and writes the reply
 * through the outbox in that same transaction. The mover's ledger makes a command sent again by
 * merger (a retry: new event id) move nothing twice.
 */
@Injectable()
export class RearrangementParticipantHandler implements OnModuleInit {
  private readonly logger = new Logger('RearrangementParticipant');
  private outbox!: Outbox;

  constructor(
    @Inject(OPTIONS) private readonly options: RearrangementParticipantOptions,
    private readonly moduleRef: ModuleRef,
    private readonly mover: RearrangementMover,
  ) {}

  /** Registers the handler on the service's consumer before it starts (on application bootstrap). */
  onModuleInit(): void {
    this.outbox = this.moduleRef.get(Outbox, { strict: false });
    this.moduleRef.get(EventConsumer, { strict: false }).on(rearrangementCommandIssued, (event, context) => this.handle(event, context));
  }

  async handle(event: EventEnvelope<EventPayload<typeof rearrangementCommandIssued>>, { manager }: Pick<HandlerContext, 'manager'>): Promise<void> {
    const command = event.payload;
    const { service } = this.options;
    if (command.service !== service) return;
    let outcome: StepOutcome = { rows: [], reviewItems: [] };
    let error: RearrangementReply['error'] = null;
    await manager.query('SAVEPOINT rearrangement_step');
    try {
      outcome = await this.mover.run({ ...command, sql: manager });
      await manager.query('RELEASE SAVEPOINT rearrangement_step');
    } catch (cause) {
      // A connection lost here fails the rollback too: the consumer retries the whole message.
      await manager.query('ROLLBACK TO SAVEPOINT rearrangement_step');
      const failure = cause as { code?: unknown; message?: unknown };
      error = { code: typeof failure.code === 'string' ? failure.code : 'REARRANGEMENT_STEP_FAILED', message: String(failure.message ?? cause).slice(0, 500) };
      this.logger.error(`${service}: ${command.step} of plan ${command.planId} chunk ${command.chunk} failed: ${error.code} ${error.message}`);
    }
    await this.outbox.publish({
      definition: rearrangementReplyDefinitions[service],
      aggregateType: 'RearrangementPlan',
      aggregateId: `${command.planId}:${service}`,
      unitCode: null,
      payload: {
        planId: command.planId,
        step: command.step,
        service,
        chunk: command.chunk,
        attempt: command.attempt,
        ...(command.runChunkId ? { runChunkId: command.runChunkId } : {}),
        outcome: error ? 'FAILED' : 'DONE',
        error,
        rows: outcome.rows,
        reviewItems: outcome.reviewItems,
      },
    });
  }
}

/**
 * `RearrangementParticipantModule.forService({ service: 'dossier', mover: PgDossierMover })` in a
 * service's `rearrangement/` feature module; add `rearrangementParticipantMigrations` to its migrations.
 */
@Module({})
export class RearrangementParticipantModule {
  static forService(options: RearrangementParticipantOptions): DynamicModule {
    return {
      module: RearrangementParticipantModule,
      providers: [{ provide: OPTIONS, useValue: options }, { provide: RearrangementMover, useClass: options.mover }, RearrangementParticipantHandler],
      exports: [RearrangementMover],
    };
  }
}
