import { Injectable } from '@nestjs/common';
import { movedIdsDigest, type RearrangementReply } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { runKindOf } from '../domain/saga';
import { SagaAlerts } from './saga-ports';
import { SagaCoordinator } from './saga-coordinator';
import { SagaRepository } from './saga.repository.port';

/**
 * A participant answered a chunk (in the consumer's inbox transaction): counts and review items
 * recorded, merger's own SHA-256 over the ids it received kept beside the service's, the chunk
 * and its step marked, and the run moved on. An answer to a chunk already answered (a retry's
 * second reply), cancelled (the plan is being compensated) or sent in an earlier run of the plan
 * changes nothing.
 */
@Injectable()
export class HandleParticipantReply {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly saga: SagaRepository,
    private readonly coordinator: SagaCoordinator,
    private readonly alerts: SagaAlerts,
  ) {}

  async execute(reply: RearrangementReply): Promise<void> {
    await this.transactions.run(async () => {
      const kind = runKindOf(reply.step);
      const key = { planId: reply.planId, kind, service: reply.service, action: reply.step, chunk: reply.chunk };
      await this.saga.lock(reply.planId);
      const chunk = await this.saga.chunk(key);
      if (!chunk || chunk.state !== 'SENT') return;
      // An answer to an earlier run's command for the same chunk number (the plan applied again after compensation).
      if (reply.runChunkId !== undefined && reply.runChunkId !== chunk.runChunkId) return;
      if (reply.outcome === 'FAILED') {
        const error = `${reply.error?.code ?? 'FAILED'}: ${reply.error?.message ?? ''}`.slice(0, 500);
        await this.saga.finishChunk(key, 'FAILED', { moved: 0, total: 0 });
        await this.saga.upsertStep(key, 'FAILED', { error });
        this.alerts.stepFailed(reply.planId, reply.service, reply.step, error);
        await this.coordinator.advance(reply.planId, kind);
        return;
      }
      if (reply.step === 'APPLY' || reply.step === 'DRY_RUN') {
        const rows = reply.rows.map((r) => ({ ...r, mergerSha256: r.targets.map((t) => (t.movedIds ? movedIdsDigest(t.movedIds) : null)) }));
        await this.saga.saveReport(reply.planId, kind, reply.service, rows);
        if (reply.step === 'APPLY') await this.saga.saveReviewItems(reply.planId, reply.service, reply.reviewItems);
      }
      if (reply.step === 'ASSIGN') {
        const moved = new Map(reply.rows.flatMap((r) => r.targets.flatMap((t) => (t.movedIds ?? []).map((id) => [`${r.recordType}:${id}`, t.targetCode] as const))));
        for (const a of chunk.assignments) {
          const target = moved.get(`${a.recordType}:${a.recordId}`);
          await this.saga.setReviewItem(a.reviewItemId, target ? 'ASSIGNED' : 'OPEN', target ?? null, null);
        }
      }
      const moved = reply.rows.reduce((n, r) => n + r.targets.reduce((m, t) => m + t.moved, 0), 0);
      const total = reply.rows.reduce((n, r) => n + r.before, 0);
      const { left } = await this.saga.finishChunk(key, 'DONE', { moved, total });
      if (left <= 0) await this.saga.upsertStep(key, 'DONE');
      await this.coordinator.advance(reply.planId, kind);
    });
  }
}
