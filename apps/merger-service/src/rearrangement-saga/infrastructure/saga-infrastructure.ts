import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { REARRANGEMENT_PARTICIPANTS, rearrangementCommandIssued, rearrangementReplyDefinitions, type RearrangementParticipant } from '@xaso/contracts';
import { EventConsumer, Outbox } from '@xaso/messaging';
import { MetricsRegistry } from '@xaso/observability';
import { HandleParticipantReply } from '../application/handle-participant-reply.use-case';
import { RetryTimedOutChunks } from '../application/retry-timed-out-chunks.use-case';
import { SAGA_SETTINGS, SagaAlerts, type SagaCommand, SagaCommandPublisher, type SagaSettings } from '../application/saga-ports';

/** Commands go through merger's outbox (topic `xaso.merger.events.v1`), keyed by plan and service so they keep their order. */
@Injectable()
export class OutboxSagaCommandPublisher extends SagaCommandPublisher {
  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  async publish(command: SagaCommand): Promise<void> {
    await this.moduleRef.get(Outbox, { strict: false }).publish({
      definition: rearrangementCommandIssued,
      aggregateType: 'RearrangementPlan',
      aggregateId: `${command.planId}:${command.service}`,
      unitCode: null,
      payload: command,
    });
  }
}

export const FAILED_TO_COMPENSATE_METRIC = 'xaso_rearrangement_failed_to_compensate_total';
export const STEP_FAILED_METRIC = 'xaso_rearrangement_step_failures_total';

/** FAILED_TO_COMPENSATE is an error log line and a counter (alert on it); failed steps are counted too. */
@Injectable()
export class LogAndMetricSagaAlerts extends SagaAlerts implements OnModuleInit {
  private readonly logger = new Logger('RearrangementSaga');
  private failedToCompensateCount = 0;
  private readonly stepFailures = new Map<string, number>();

  constructor(@Optional() private readonly metrics?: MetricsRegistry) {
    super();
  }

  onModuleInit(): void {
    this.metrics?.registerCounter(FAILED_TO_COMPENSATE_METRIC, 'Rearrangement plans whose compensation failed (records may be split between units: act now)', () => [
      { value: this.failedToCompensateCount },
    ]);
    this.metrics?.registerCounter(STEP_FAILED_METRIC, 'Failed rearrangement saga steps, per service and step', () =>
      [...this.stepFailures].map(([key, value]) => ({ labels: { service: key.split(':')[0], step: key.split(':')[1] }, value })), ['service', 'step']);
  }

  get failedToCompensateTotal(): number {
    return this.failedToCompensateCount;
  }

  failedToCompensate(planId: string, reason: string): void {
    this.failedToCompensateCount += 1;
    this.logger.error(`FAILED_TO_COMPENSATE plan ${planId}: ${reason} — records may be split between old and new units; retry rollbackPlan`);
  }

  stepFailed(planId: string, service: string, step: string, reason: string): void {
    const key = `${service}:${step}`;
    this.stepFailures.set(key, (this.stepFailures.get(key) ?? 0) + 1);
    this.logger.warn(`plan ${planId}: ${service} ${step} failed: ${reason}`);
  }
}

/** Participants' replies come in through merger's consumer (inbox), on each participant's topic. */
@Injectable()
export class SagaReplyConsumer implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly handle: HandleParticipantReply,
    @Inject(SAGA_SETTINGS) private readonly settings: SagaSettings,
  ) {}

  /** Only the configured participants' topics: merger does not subscribe to services that do not take part. */
  onModuleInit(): void {
    const consumer = this.moduleRef.get(EventConsumer, { strict: false });
    for (const service of this.settings.participants) {
      consumer.on(rearrangementReplyDefinitions[service], (event) => this.handle.execute(event.payload));
    }
  }
}

/** Runs the timeout check every `tickMs` (started on bootstrap, stopped on shutdown). */
@Injectable()
export class SagaTimeoutTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RearrangementSagaTimer');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly retry: RetryTimedOutChunks,
    @Inject(SAGA_SETTINGS) private readonly settings: SagaSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.tickMs) return;
    this.timer = setInterval(() => void this.tick(), this.settings.tickMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.retry.execute();
    } catch (error) {
      this.logger.warn(`timeout check failed: ${(error as Error)?.message ?? error}`);
    } finally {
      this.running = false;
    }
  }
}

/** Settings from the environment (REARRANGEMENT_PARTICIPANTS comma-separated, default every participant: dossier,petition,voting,evaluation; REARRANGEMENT_STEP_TIMEOUT_MS, …). */
export function sagaSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SagaSettings {
  const participants = (env.REARRANGEMENT_PARTICIPANTS ?? REARRANGEMENT_PARTICIPANTS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is RearrangementParticipant => (REARRANGEMENT_PARTICIPANTS as readonly string[]).includes(s));
  const num = (value: string | undefined, fallback: number) => (value && Number.isFinite(Number(value)) ? Number(value) : fallback);
  return {
    participants,
    timeoutMs: num(env.REARRANGEMENT_STEP_TIMEOUT_MS, 60_000),
    maxAttempts: num(env.REARRANGEMENT_STEP_MAX_ATTEMPTS, 5),
    chunkUnits: Math.min(num(env.REARRANGEMENT_CHUNK_UNITS, 200), 200),
    tickMs: num(env.REARRANGEMENT_TIMEOUT_CHECK_MS, 5_000),
  };
}
