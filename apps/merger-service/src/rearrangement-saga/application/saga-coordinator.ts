import { Inject, Injectable } from '@nestjs/common';
import type { RearrangementStep, ReviewAssignment, UnitMoveMessage } from '@xaso/contracts';
import { RevertPlanInRegistry } from '../../rearrangements/application/revert-plan-in-registry.use-case';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import type { PlanStatus } from '../../rearrangements/domain/plan';
import { allDone, anyFailed, type RunKind } from '../domain/saga';
import { SAGA_SETTINGS, SagaAlerts, SagaCommandPublisher, type SagaSettings } from './saga-ports';
import { SagaRepository } from './saga.repository.port';

/**
 * What the saga's use cases share (inside their transaction, with the plan's lock held): sending a
 * step's chunks, and moving the run on once a step finished — APPLY done → APPLIED; a failed
 * APPLY → compensation; compensation done → registry reverted, COMPENSATED; a failed
 * compensation → FAILED_TO_COMPENSATE, alerted.
 */
@Injectable()
export class SagaCoordinator {
  constructor(
    private readonly saga: SagaRepository,
    private readonly plans: RearrangementPlanRepository,
    private readonly commands: SagaCommandPublisher,
    private readonly revert: RevertPlanInRegistry,
    private readonly alerts: SagaAlerts,
    @Inject(SAGA_SETTINGS) readonly settings: SagaSettings,
  ) {}

  /** Starts one participant step: a chunk row per command, each command through the outbox. */
  async issue(planId: string, effectiveDate: string, step: RearrangementStep, service: string, chunks: UnitMoveMessage[][], assignments: ReviewAssignment[] = [], firstChunk = 0): Promise<void> {
    const kind: RunKind = step === 'DRY_RUN' ? 'DRY_RUN' : 'APPLY';
    await this.saga.upsertStep({ planId, kind, service, action: step }, 'RUNNING', { chunks: firstChunk + chunks.length });
    for (const [i, moves] of chunks.entries()) {
      const chunk = firstChunk + i;
      const runChunkId = await this.saga.addChunk({ planId, kind, service, action: step, chunk }, moves, assignments);
      await this.commands.publish({
        planId, step, service: service as never, attempt: 1, runChunkId, chunk, chunks: firstChunk + chunks.length, effectiveDate, moves, assignments,
      });
    }
  }

  /** Moves the run on after a step changed. */
  async advance(planId: string, kind: RunKind): Promise<void> {
    const run = await this.saga.run(planId, kind);
    if (!run) return;
    if (kind === 'DRY_RUN') {
      if (run.status !== 'RUNNING') return;
      if (anyFailed(run, 'DRY_RUN')) await this.saga.setRunStatus(planId, kind, 'FAILED', { finished: true });
      else if (allDone(run, 'DRY_RUN')) await this.saga.setRunStatus(planId, kind, 'DONE', { finished: true });
      return;
    }
    const plan = await this.plans.summary(planId);
    if (!plan) return;
    if (run.status === 'RUNNING') {
      const failed = run.steps.find((s) => s.action === 'APPLY' && s.state === 'FAILED');
      if (failed) {
        await this.plans.setStatus(planId, plan.status, 'FAILED');
        await this.compensate(planId, plan.effectiveDate, `${failed.service}: ${failed.error ?? 'failed'}`);
      } else if (allDone(run, 'APPLY') || !run.steps.some((s) => s.action === 'APPLY')) {
        await this.plans.setStatus(planId, plan.status, 'APPLIED');
        await this.saga.setRunStatus(planId, kind, 'DONE', { finished: true });
      }
      return;
    }
    if (run.status === 'COMPENSATING') {
      const failed = run.steps.find((s) => s.action === 'COMPENSATE' && s.state === 'FAILED');
      if (failed) {
        const reason = `${failed.service}: ${failed.error ?? 'failed'}`;
        if (plan.status !== 'FAILED_TO_COMPENSATE') await this.plans.setStatus(planId, plan.status, 'FAILED_TO_COMPENSATE');
        await this.saga.setRunStatus(planId, kind, 'FAILED_TO_COMPENSATE', { error: reason, finished: true });
        this.alerts.failedToCompensate(planId, reason);
      } else if (allDone(run, 'COMPENSATE') || !this.settings.participants.length) {
        const reverted = await this.revert.execute(planId);
        await this.saga.upsertStep({ planId, kind, service: 'merger', action: 'REGISTRY_REVERT' }, 'DONE', { chunks: 1, moved: reverted.ended + reverted.created, total: reverted.ended + reverted.created });
        await this.plans.setStatus(planId, plan.status as PlanStatus, 'COMPENSATED');
        await this.saga.setRunStatus(planId, kind, 'COMPENSATED', { finished: true });
      }
    }
  }

  /** Compensation: unanswered APPLY chunks are cancelled (their command is still handled first: commands keep order per plan and service), every participant moves back what the plan moved. */
  async compensate(planId: string, effectiveDate: string, reason: string): Promise<void> {
    const run = await this.saga.run(planId, 'APPLY');
    for (const s of run?.steps ?? []) {
      if (s.action === 'APPLY' || s.action === 'ASSIGN') await this.saga.cancelChunks({ planId, kind: 'APPLY', service: s.service, action: s.action });
      if (s.action === 'COMPENSATE') await this.saga.deleteStep({ planId, kind: 'APPLY', service: s.service, action: 'COMPENSATE' });
    }
    await this.saga.setRunStatus(planId, 'APPLY', 'COMPENSATING', { error: reason });
    for (const service of this.settings.participants) await this.issue(planId, effectiveDate, 'COMPENSATE', service, [[]]);
    if (!this.settings.participants.length) await this.advance(planId, 'APPLY');
  }
}
