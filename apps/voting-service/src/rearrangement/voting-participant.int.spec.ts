import { randomUUID } from 'node:crypto';
import { eventRegistry, movedIdsDigest, topicFor, type RearrangementReply } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import type { DataSource } from 'typeorm';
import { startVotingTestApp, type VotingTestApp } from '../../test/voting-test-app';

/**
 * voting-service as a saga participant, on real PostgreSQL with the shared participant mechanism:
 * commands in through the consumer (inbox), set-based moves, replies out through the outbox. Real
 * 2025 codes: 00001 → 00097 (merged); 00007 (Phường Phúc Xá, divided) → 00025 (village 00007-001) / 00008.
 */
describe('voting-service rearrangement participant', () => {
  let t: VotingTestApp;
  let db: DataSource;
  const bus = new InProcessBus();
  const transport = new InProcessTransport(bus);
  const replies: RearrangementReply[] = [];
  const planId = `plan-${randomUUID()}`;
  const MOVES = [
    { sourceCode: '00001', targets: [{ code: '00097' }], divided: false },
    { sourceCode: '00007', targets: [{ code: '00025', villageCodes: ['00007-001'] }, { code: '00008' }], divided: true },
  ];
  const ids = { draftA: randomUUID(), draftA2: randomUUID(), openA: randomUUID(), closedA: randomUUID(), certifiedA: randomUUID(), villageB: randomUUID(), wideB: randomUUID(), openVillageB: randomUUID(), openWideB: randomUUID() };
  const closedEvents: { pollId: string; closeReason?: string; outcome: unknown }[] = [];

  const command = (step: string, attempt = 1) => {
    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type: 'rearrangement.command-issued', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'RearrangementPlan', aggregateId: `${planId}:voting`, unitCode: null, correlationId: randomUUID(), causationId: null,
      payload: { planId, step, service: 'voting', attempt, chunk: 0, chunks: 1, effectiveDate: '2025-07-01', moves: MOVES },
    });
    return transport.send(topicFor('merger'), [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }]);
  };
  const reply = (step: string, attempt = 1) => replies.find((r) => r.step === step && r.attempt === attempt);
  const insertPoll = (id: string, unitCode: string, status: string, villageCode: string | null = null) =>
    db.query(
      `INSERT INTO poll (id, unit_code, village_code, matter, title, description, option_kind, electorate, channels, opens_at, closes_at, pass_basis, pass_percent, status)
       VALUES ($1, $2, $3, 'PUBLIC_WORKS_CONTRIBUTION', 'Đường thôn', 'Góp kinh phí làm đường', 'YES_NO_ABSTAIN', 'HOUSEHOLDS', ARRAY['ONLINE'], '2025-07-10T00:00:00Z', '2025-07-20T00:00:00Z', 'ROLL', 50, $4)`,
      [id, unitCode, villageCode, status],
    );
  const unitsOf = async () =>
    Object.fromEntries((await db.query(`SELECT id, unit_code FROM poll`)).map((r: { id: string; unit_code: string }) => [r.id, r.unit_code]));

  beforeAll(async () => {
    t = await startVotingTestApp({ database: 'voting_rearrangement', secret: 'voting-rearrangement-secret-0123456789abcdef', transport });
    db = t.dataSource;
    await transport.subscribe('test-replies', [topicFor('voting')], async (m) => {
      const e = JSON.parse(m.value!);
      if (e.type === 'voting.rearrangement-replied' && e.payload.planId === planId) replies.push(e.payload);
      if (e.type === 'poll.closed') closedEvents.push(e.payload);
    });
    await insertPoll(ids.draftA, '00001', 'DRAFT');
    await insertPoll(ids.draftA2, '00001', 'DRAFT');
    await insertPoll(ids.openA, '00001', 'OPEN');
    await insertPoll(ids.closedA, '00001', 'CLOSED');
    await insertPoll(ids.certifiedA, '00001', 'CERTIFIED');
    await insertPoll(ids.villageB, '00007', 'DRAFT', '00007-001');
    await insertPoll(ids.wideB, '00007', 'DRAFT');
    // OPEN in a village of the divided commune (it leaves the commune): closed by rule; OPEN commune-wide: finishes under its unit.
    await insertPoll(ids.openVillageB, '00007', 'OPEN', '00007-002');
    await insertPoll(ids.openWideB, '00007', 'OPEN');
    await db.query(`UPDATE poll SET roll_size = 1, roll_hash = repeat('a', 64) WHERE status = 'OPEN'`);
    await db.query(`INSERT INTO poll_roll_entry (poll_id, entry_key, household_id, id_number, name, village_code) VALUES ($1, 'H1', 'H1', '001085010001', 'Nguyễn Văn A', '00001-001')`, [ids.draftA]);
  });
  afterAll(() => t?.close());

  it('apply moves DRAFT polls (with their roll) once, opened polls stay carried over, a divided commune goes by village or to review; compensation moves back', async () => {
    await command('DRY_RUN');
    await waitUntil('dry-run reply', () => !!reply('DRY_RUN'));
    expect(reply('DRY_RUN')!.rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ recordType: 'poll', sourceCode: '00001', before: 2, carriedOver: 3, queued: 0, targets: [expect.objectContaining({ targetCode: '00097', moved: 2 })] }),
      expect.objectContaining({ recordType: 'poll', sourceCode: '00007', before: 2, queued: 1, targets: [expect.objectContaining({ targetCode: '00025', moved: 1 })] }),
    ]));
    expect((await unitsOf())[ids.draftA]).toBe('00001');

    await command('APPLY');
    await waitUntil('apply reply', () => !!reply('APPLY'));
    await command('APPLY', 2);
    await waitUntil('retried apply reply', () => !!reply('APPLY', 2));
    const sortedDrafts = [ids.draftA, ids.draftA2].sort();
    for (const r of [reply('APPLY')!, reply('APPLY', 2)!]) {
      expect(r.outcome).toBe('DONE');
      expect(r.rows.find((row) => row.sourceCode === '00001')).toMatchObject({
        before: 2, queued: 0, failed: 0, carriedOver: 3, after: 0,
        targets: [{ targetCode: '00097', moved: 2, movedIdsSha256: movedIdsDigest(sortedDrafts), movedIds: sortedDrafts }],
      });
      expect(r.rows.find((row) => row.sourceCode === '00007')).toMatchObject({ before: 2, queued: 1, after: 1, carriedOver: 2, targets: [{ targetCode: '00025', moved: 1 }] });
      expect(r.reviewItems).toEqual([expect.objectContaining({ recordType: 'poll', recordId: ids.wideB, sourceCode: '00007', candidateCodes: ['00025', '00008'] })]);
    }
    expect(await unitsOf()).toEqual({
      [ids.draftA]: '00097', [ids.draftA2]: '00097', [ids.openA]: '00001', [ids.closedA]: '00001', [ids.certifiedA]: '00001',
      [ids.villageB]: '00025', [ids.wideB]: '00007', [ids.openVillageB]: '00007', [ids.openWideB]: '00007',
    });
    const closedByRule = await db.query(`SELECT id, status, close_reason, result IS NOT NULL AS tallied, board_root IS NOT NULL AS board FROM poll WHERE id = ANY($1::uuid[]) ORDER BY status`, [[ids.openVillageB, ids.openWideB]]);
    expect(closedByRule).toEqual([
      { id: ids.openVillageB, status: 'CLOSED', close_reason: expect.stringContaining(`${planId}): thôn/tổ 00007-002 không còn thuộc 00007`), tallied: true, board: true },
      { id: ids.openWideB, status: 'OPEN', close_reason: null, tallied: false, board: false },
    ]);
    await waitUntil('poll.closed published', () => closedEvents.some((e) => e.pollId === ids.openVillageB));
    expect(closedEvents).toEqual([expect.objectContaining({ pollId: ids.openVillageB, closeReason: expect.stringContaining('village 00007-002 left 00007'), outcome: expect.objectContaining({ boardSize: 0 }) })]);
    expect((await db.query(`SELECT count(*)::int AS n FROM rearrangement_move WHERE plan_id = $1`, [planId]))[0].n).toBe(3);
    // The roll belongs to its poll: it went along, untouched.
    expect((await db.query(`SELECT p.unit_code FROM poll_roll_entry e JOIN poll p ON p.id = e.poll_id`))).toEqual([{ unit_code: '00097' }]);

    await command('COMPENSATE');
    await waitUntil('compensation reply', () => !!reply('COMPENSATE'));
    expect(reply('COMPENSATE')!.outcome).toBe('DONE');
    expect(await unitsOf()).toEqual({
      [ids.draftA]: '00001', [ids.draftA2]: '00001', [ids.openA]: '00001', [ids.closedA]: '00001', [ids.certifiedA]: '00001',
      [ids.villageB]: '00007', [ids.wideB]: '00007', [ids.openVillageB]: '00007', [ids.openWideB]: '00007',
    });
    // Closing is final: compensation re-points what moved, it does not reopen a poll.
    expect((await db.query(`SELECT status FROM poll WHERE id = $1`, [ids.openVillageB]))[0].status).toBe('CLOSED');
  });
});
