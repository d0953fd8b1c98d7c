/**
 * Drives one participant service as merger's saga does: every APPLY chunk of the plan as a
 * `rearrangement.command-issued` command on merger's topic (all chunks at once, as ApplyPlan issues
 * them through its outbox), handled by the service's own consumer (inbox, transaction, savepoint,
 * the service's SetBasedMover, reply through its outbox); the clock stops at the last reply.
 */
import { randomUUID } from 'node:crypto';
import { eventRegistry, topicFor, type RearrangementReply, type RearrangementStep, type UnitMoveMessage } from '@xaso/contracts';
import type { EventTransport } from '@xaso/messaging';

export interface StepRun {
  replies: RearrangementReply[];
  ms: number;
}

export async function runStep(options: {
  transport: EventTransport;
  service: 'dossier' | 'petition';
  planId: string;
  step: RearrangementStep;
  effectiveDate: string;
  chunks: UnitMoveMessage[][];
  log: (message: string) => void;
  timeoutMs?: number;
}): Promise<StepRun> {
  const { transport, service, planId, step, effectiveDate, chunks, log } = options;
  const replies = new Map<number, RearrangementReply>();
  let moved = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const t0 = performance.now();
  const subscription = await transport.subscribe(`bench-rearrangement-${service}-${randomUUID()}`, [topicFor(service)], async (message) => {
    const event = JSON.parse(message.value!) as { type: string; payload: RearrangementReply };
    const reply = event.payload;
    if (event.type !== `${service}.rearrangement-replied` || reply.planId !== planId || reply.step !== step || replies.has(reply.chunk)) return;
    replies.set(reply.chunk, reply);
    moved += reply.rows.reduce((n, r) => n + r.targets.reduce((m, t) => m + t.moved, 0), 0);
    const s = (performance.now() - t0) / 1000;
    log(`${service} ${step}: chunk ${replies.size}/${chunks.length} ${reply.outcome}, ${moved.toLocaleString('en')} moved, ${s.toFixed(1)} s (${Math.round(moved / s).toLocaleString('en')}/s)`);
    if (reply.outcome !== 'DONE') log(`${service} ${step}: chunk ${reply.chunk} failed: ${JSON.stringify(reply.error)}`);
    if (replies.size === chunks.length) done();
  });
  for (const [chunk, moves] of chunks.entries()) {
    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type: 'rearrangement.command-issued', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'RearrangementPlan', aggregateId: `${planId}:${service}`, unitCode: null, correlationId: randomUUID(), causationId: null,
      payload: { planId, step, service, attempt: 1, chunk, chunks: chunks.length, effectiveDate, moves, assignments: [] },
    });
    await transport.send(topicFor('merger'), [{ key: envelope.aggregateId, value: JSON.stringify(envelope), headers: { type: envelope.type, version: '1' } }]);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${service} ${step}: ${replies.size}/${chunks.length} replies after ${options.timeoutMs ?? 900_000} ms`)), options.timeoutMs ?? 900_000);
  });
  try {
    await Promise.race([finished, timeout]);
  } finally {
    clearTimeout(timer);
    await subscription.stop();
  }
  return { replies: [...replies.values()].sort((a, b) => a.chunk - b.chunk), ms: performance.now() - t0 };
}
