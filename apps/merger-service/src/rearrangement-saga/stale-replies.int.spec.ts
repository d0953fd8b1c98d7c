/**
 * A plan applied again after compensation numbers its chunks from 0 again. A participant's late
 * answer to the earlier run's command (a retry answered after that chunk was done) carries the
 * earlier run's chunk id and must not be taken for the new run's answer: it would mark the step
 * DONE with nothing moved and drop the real answer as a duplicate.
 */
import { randomUUID } from 'node:crypto';
import type { RearrangementReply } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { type MergerTestApp, startMergerTestApp } from '../../test/merger-test-app';
import { HandleParticipantReply } from './application/handle-participant-reply.use-case';
import { SagaRepository } from './application/saga.repository.port';

describe('participant replies of an earlier run of the plan', () => {
  let merger: MergerTestApp;
  const planId = randomUUID();
  const chunkKey = { planId, kind: 'APPLY' as const, service: 'dossier', action: 'APPLY' as const, chunk: 0 };
  const reply = (runChunkId: string | undefined, before: number): RearrangementReply => ({
    planId, step: 'APPLY', service: 'dossier', chunk: 0, attempt: 2, ...(runChunkId ? { runChunkId } : {}), outcome: 'DONE', error: null,
    rows: [{ recordType: 'dossier', sourceCode: '00001', before, targets: [{ targetCode: '00097', moved: before, movedIdsSha256: null }], queued: 0, failed: 0, carriedOver: 0, after: 0 }],
    reviewItems: [],
  });

  beforeAll(async () => {
    merger = await startMergerTestApp({ database: 'merger_stale_replies', importIfEmpty: false });
  });
  afterAll(async () => {
    await merger?.close();
  });

  it("ignores an answer carrying another run's chunk id, takes the one carrying this run's", async () => {
    const saga = merger.app.get(SagaRepository);
    const transactions = merger.app.get(TransactionRunner);
    const handle = merger.app.get(HandleParticipantReply);
    const runChunkId = await transactions.run(async () => {
      await saga.startRun(planId, 'APPLY', 'admin-spec');
      await saga.upsertStep(chunkKey, 'RUNNING', { chunks: 1 });
      return saga.addChunk(chunkKey, []);
    });

    await handle.execute(reply(randomUUID(), 0));
    expect(await transactions.run(() => saga.chunk(chunkKey))).toMatchObject({ state: 'SENT', runChunkId });

    await handle.execute(reply(runChunkId, 5));
    expect(await transactions.run(() => saga.chunk(chunkKey))).toMatchObject({ state: 'DONE' });
    const run = await transactions.run(() => saga.run(planId, 'APPLY'));
    expect(run?.steps.find((s) => s.service === 'dossier' && s.action === 'APPLY')).toMatchObject({ state: 'DONE', moved: 5, total: 5 });
  });

  it('starting the run again gives the chunk a new id', async () => {
    const saga = merger.app.get(SagaRepository);
    const transactions = merger.app.get(TransactionRunner);
    const first = (await transactions.run(() => saga.chunk(chunkKey)))?.runChunkId;
    const second = await transactions.run(async () => {
      await saga.startRun(planId, 'APPLY', 'admin-spec');
      await saga.upsertStep(chunkKey, 'RUNNING', { chunks: 1 });
      return saga.addChunk(chunkKey, []);
    });
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
  });
});
