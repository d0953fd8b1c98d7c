import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@xaso/persistence';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import type { RearrangementStep } from '@xaso/contracts';
import { SagaAlerts, SagaCommandPublisher } from './saga-ports';
import { SagaCoordinator } from './saga-coordinator';
import { SagaRepository } from './saga.repository.port';

/**
 * The timeout + retry per step: a chunk not answered within `timeoutMs` is sent again (the same
 * command, attempt + 1: the participant's ledger and move log make it move nothing twice); after
 * `maxAttempts` its step fails (an APPLY → compensation; a COMPENSATE → FAILED_TO_COMPENSATE).
 */
@Injectable()
export class RetryTimedOutChunks {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly saga: SagaRepository,
    private readonly commands: SagaCommandPublisher,
    private readonly coordinator: SagaCoordinator,
    private readonly alerts: SagaAlerts,
  ) {}

  /** Returns how many chunks were sent again or failed. */
  async execute(now: Date = new Date()): Promise<number> {
    const { timeoutMs, maxAttempts } = this.coordinator.settings;
    const cutoff = new Date(now.getTime() - timeoutMs);
    const due = await this.saga.timedOut(cutoff, 100);
    let handled = 0;
    // One transaction per chunk, the plan's lock first (as every other writer of the run): no lock-order deadlock.
    for (const candidate of due) {
      handled += await this.transactions.run(async () => {
        await this.saga.lock(candidate.planId);
        const chunk = await this.saga.chunk(candidate);
        if (!chunk || chunk.state !== 'SENT' || chunk.attempts !== candidate.attempts) return 0;
        const plan = await this.plans.summary(chunk.planId);
        if (!plan) return 0;
        if (chunk.attempts < maxAttempts) {
          await this.saga.resent(chunk, chunk.attempts + 1);
          await this.commands.publish({
            planId: chunk.planId, step: chunk.action as RearrangementStep, service: chunk.service as never, attempt: chunk.attempts + 1, runChunkId: chunk.runChunkId, chunk: chunk.chunk,
            chunks: Math.max(chunk.chunk + 1, 1), effectiveDate: plan.effectiveDate, moves: chunk.moves, assignments: chunk.assignments,
          });
          return 1;
        }
        const error = `TIMEOUT: no answer after ${chunk.attempts} attempts of ${timeoutMs} ms`;
        await this.saga.finishChunk(chunk, 'FAILED', { moved: 0, total: 0 });
        await this.saga.upsertStep(chunk, 'FAILED', { error });
        this.alerts.stepFailed(chunk.planId, chunk.service, chunk.action, error);
        await this.coordinator.advance(chunk.planId, chunk.kind);
        return 1;
      });
    }
    return handled;
  }
}
