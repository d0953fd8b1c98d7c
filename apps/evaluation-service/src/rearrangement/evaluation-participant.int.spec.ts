import { randomUUID } from 'node:crypto';
import { eventRegistry, movedIdsDigest, topicFor, type RearrangementReply } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import type { DataSource } from 'typeorm';
import { startEvaluationTestApp, type EvaluationTestApp } from '../../test/evaluation-test-app';

/**
 * evaluation-service as a saga participant, on real PostgreSQL with the shared participant
 * mechanism (inbox in, outbox out). Real 2025 codes of Hà Nội (01): 00001, 00037 and 00067 merged
 * into 00097; 00094 divided (00097 / 00103); 00097 also divided (00097 / 00110, no draft of its own).
 */
describe('evaluation-service rearrangement participant', () => {
  let t: EvaluationTestApp;
  let db: DataSource;
  const bus = new InProcessBus();
  const transport = new InProcessTransport(bus);
  const replies: RearrangementReply[] = [];
  const planId = `plan-${randomUUID()}`;
  const cycle2025 = randomUUID();
  const cycle2024 = randomUUID();
  const MOVES = [
    { sourceCode: '00001', targets: [{ code: '00097' }], divided: false },
    { sourceCode: '00037', targets: [{ code: '00097' }], divided: false },
    { sourceCode: '00067', targets: [{ code: '00097' }], divided: false },
    { sourceCode: '00094', targets: [{ code: '00097' }, { code: '00103' }], divided: true },
    // A successor that keeps its code and is itself divided: the draft the plan creates for it
    // must not, when a step is sent again, count as a source draft for its other target.
    { sourceCode: '00097', targets: [{ code: '00097' }, { code: '00110' }], divided: true },
  ];
  const command = (step: string, attempt = 1) => {
    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type: 'rearrangement.command-issued', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'RearrangementPlan', aggregateId: `${planId}:evaluation`, unitCode: null, correlationId: randomUUID(), causationId: null,
      payload: { planId, step, service: 'evaluation', attempt, chunk: 0, chunks: 1, effectiveDate: '2025-07-01', moves: MOVES },
    });
    return transport.send(topicFor('merger'), [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }]);
  };
  const reply = (step: string, attempt = 1) => replies.find((r) => r.step === step && r.attempt === attempt);
  const assessments = async () =>
    (await db.query(`SELECT cycle_id, unit_code, state, body->>'unitCode' AS body_unit FROM assessment ORDER BY year, unit_code`)).map(
      (r: { cycle_id: string; unit_code: string; state: string; body_unit: string }) => `${r.cycle_id === cycle2025 ? 2025 : 2024}:${r.unit_code}:${r.state}:${r.body_unit}`,
    );
  const unitsOf = async (id: string) => (await db.query(`SELECT unit_codes FROM evaluation_cycle WHERE id = $1`, [id]))[0].unit_codes;

  beforeAll(async () => {
    t = await startEvaluationTestApp({ database: 'eval_rearrangement', secret: 'evaluation-rearrangement-secret-0123456789abcdef', transport, consumerGroup: 'evaluation-rearrangement' });
    db = t.db;
    await transport.subscribe('test-replies', [topicFor('evaluation')], async (m) => {
      const e = JSON.parse(m.value!);
      if (e.type === 'evaluation.rearrangement-replied' && e.payload.planId === planId) replies.push(e.payload);
    });
    const [card] = await db.query(`SELECT code, version FROM scorecard ORDER BY code, version LIMIT 1`);
    const units = ['00001', '00037', '00067', '00094'];
    for (const [id, year] of [[cycle2025, 2025], [cycle2024, 2024]] as const) {
      await db.query(
        `INSERT INTO evaluation_cycle (id, year, province_code, scorecard_code, scorecard_version, unit_codes, opened_by) VALUES ($1, $2, '01', $3, $4, $5, 'admin')`,
        [id, year, card.code, card.version, year === 2025 ? units : ['00001']],
      );
    }
    const insert = (cycleId: string, year: number, unitCode: string, state: string) =>
      db.query(`INSERT INTO assessment (cycle_id, unit_code, province_code, year, state, body) VALUES ($1, $2, '01', $3, $4, $5::jsonb)`, [
        cycleId, unitCode, year, state,
        JSON.stringify({ cycleId, year, unitCode, provinceCode: '01', scorecardCode: card.code, scorecardVersion: card.version, state, manual: { 'G1.C1.I1': { value: 1 } }, measured: null, submittedOn: null, reviews: {}, recognisedLevelCode: null }),
      ]);
    await insert(cycle2025, 2025, '00001', 'DRAFT');
    await insert(cycle2025, 2025, '00037', 'DRAFT');
    await insert(cycle2025, 2025, '00067', 'SUBMITTED');
    await insert(cycle2025, 2025, '00094', 'DRAFT');
    await insert(cycle2024, 2024, '00001', 'DRAFT');
    await db.query(`INSERT INTO daily_fact (unit_code, day, metric, value) VALUES ('00001', '2025-06-01', 'm1', 3), ('00001', '2025-06-02', 'm1', 4)`);
  });
  afterAll(() => t?.close());

  it('combines the year’s DRAFTs of merged communes into one successor DRAFT (once), carries the rest over; compensation removes what it created', async () => {
    const before = await assessments();
    await command('DRY_RUN');
    await waitUntil('dry-run reply', () => !!reply('DRY_RUN'));
    expect(reply('DRY_RUN')!.rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ recordType: 'assessment', sourceCode: '00001', before: 1, carriedOver: 1, targets: [expect.objectContaining({ targetCode: '00097', moved: 1 })] }),
    ]));
    expect(await assessments()).toEqual(before);

    await command('APPLY');
    await waitUntil('apply reply', () => !!reply('APPLY'));
    await command('APPLY', 2);
    await waitUntil('retried apply reply', () => !!reply('APPLY', 2));
    for (const r of [reply('APPLY')!, reply('APPLY', 2)!]) {
      expect(r.outcome).toBe('DONE');
      const row = (type: string, source: string) => r.rows.find((x) => x.recordType === type && x.sourceCode === source);
      expect(row('assessment', '00001')).toMatchObject({
        before: 1, queued: 0, failed: 0, carriedOver: 1, after: 0,
        targets: [{ targetCode: '00097', moved: 1, movedIdsSha256: movedIdsDigest([`${cycle2025}:00001`]), movedIds: [`${cycle2025}:00001`] }],
      });
      expect(row('assessment', '00037')).toMatchObject({ before: 1, failed: 0, carriedOver: 0, targets: [{ targetCode: '00097', moved: 1 }] });
      expect(row('assessment', '00067')).toMatchObject({ before: 0, carriedOver: 1, targets: [] });
      expect(row('assessment', '00094')).toMatchObject({ before: 0, carriedOver: 1, targets: [] });
      expect(row('daily-fact', '00001')).toMatchObject({ before: 0, carriedOver: 2 });
      expect(r.reviewItems).toEqual([]);
    }
    // The sources keep their assessments (history); each successor has ONE empty DRAFT in the cycle.
    expect(await assessments()).toEqual([
      '2024:00001:DRAFT:00001',
      '2025:00001:DRAFT:00001', '2025:00037:DRAFT:00037', '2025:00067:SUBMITTED:00067', '2025:00094:DRAFT:00094',
      '2025:00097:DRAFT:00097', '2025:00103:DRAFT:00103',
    ]);
    expect((await db.query(`SELECT body->'manual' AS manual FROM assessment WHERE unit_code = '00097'`))[0].manual).toEqual({});
    expect(await unitsOf(cycle2025)).toEqual(['00001', '00037', '00067', '00094', '00097', '00103']);
    expect(await unitsOf(cycle2024)).toEqual(['00001']);
    expect((await db.query(`SELECT count(*)::int AS n FROM daily_fact WHERE unit_code = '00001'`))[0].n).toBe(2);

    await command('COMPENSATE');
    await waitUntil('compensation reply', () => !!reply('COMPENSATE'));
    expect(reply('COMPENSATE')!.outcome).toBe('DONE');
    expect(await assessments()).toEqual(before);
    expect(await unitsOf(cycle2025)).toEqual(['00001', '00037', '00067', '00094']);

    // Applied again, then the successor's officer starts work: compensation refuses (the saga alerts), nothing deleted.
    await command('APPLY', 3);
    await waitUntil('re-applied reply', () => !!reply('APPLY', 3));
    expect(reply('APPLY', 3)!.rows.find((x) => x.sourceCode === '00001' && x.recordType === 'assessment')).toMatchObject({ before: 1, targets: [{ targetCode: '00097', moved: 1 }] });
    await db.query(`UPDATE assessment SET body = jsonb_set(body, '{manual}', '{"G1.C1.I1":{"value":2}}') WHERE unit_code = '00097'`);
    await command('COMPENSATE', 2);
    await waitUntil('refused compensation reply', () => !!reply('COMPENSATE', 2));
    expect(reply('COMPENSATE', 2)).toMatchObject({ outcome: 'FAILED', error: { code: 'REARRANGEMENT_ASSESSMENT_IN_USE' } });
    expect(await assessments()).toContain('2025:00097:DRAFT:00097');
  });
});
