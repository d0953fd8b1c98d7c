import { randomUUID } from 'node:crypto';
import { eventRegistry, movedIdsDigest, topicFor, type RearrangementReply } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import { DataSource } from 'typeorm';
import { insertDossierRow } from '../../test/dossier-factory';
import { type DossierTestApp, startDossierTestApp } from '../../test/dossier-test-app';

/**
 * dossier-service as a saga participant, on real PostgreSQL with the shared participant mechanism:
 * commands in through the consumer (inbox), set-based moves, replies out through the outbox. Real
 * 2025 codes: 00007 (Phường Phúc Xá, divided; 00025 got part of it) → 00025 / 00008; 00001 → 00097.
 */
describe('dossier-service rearrangement participant', () => {
  let t: DossierTestApp;
  let db: DataSource;
  const bus = new InProcessBus();
  const transport = new InProcessTransport(bus);
  const replies: RearrangementReply[] = [];
  const planId = `plan-${randomUUID()}`;

  const command = (step: string, attempt = 1, moves: unknown[] = MOVES) => {
    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type: 'rearrangement.command-issued', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'RearrangementPlan', aggregateId: `${planId}:dossier`, unitCode: null, correlationId: randomUUID(), causationId: null,
      payload: { planId, step, service: 'dossier', attempt, chunk: 0, chunks: 1, effectiveDate: '2025-07-01', moves },
    });
    return transport.send(topicFor('merger'), [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }]);
  };
  const MOVES = [
    { sourceCode: '00001', targets: [{ code: '00097' }], divided: false },
    {
      sourceCode: '00007', divided: true,
      targets: [{ code: '00025', villageCodes: ['00007-001'], villageNames: ['Thôn Phú Mỹ'] }, { code: '00008', villageCodes: ['00007-002'], villageNames: ['Tổ dân phố 5'] }],
    },
  ];
  const reply = (step: string, attempt = 1) => replies.find((r) => r.step === step && r.attempt === attempt);

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_rearrangement', { transport, consumeEvents: false });
    db = t.app.get(DataSource);
    await transport.subscribe('test-replies', [topicFor('dossier')], async (m) => {
      const e = JSON.parse(m.value!);
      if (e.type === 'dossier.rearrangement-replied' && e.payload.planId === planId) replies.push(e.payload);
    });
    const at = new Date('2025-06-20T02:00:00Z');
    await insertDossierRow(db, { code: 'A-1', unitCode: '00001', status: 'RECEIVED', receivedAt: at });
    await insertDossierRow(db, { code: 'A-2', unitCode: '00001', status: 'IN_PROCESSING', receivedAt: at });
    await insertDossierRow(db, { code: 'A-3', unitCode: '00001', status: 'RETURNED', receivedAt: at, completedAt: at });
    await insertDossierRow(db, { code: 'B-1', unitCode: '00007', status: 'RECEIVED', receivedAt: at });
    await insertDossierRow(db, { code: 'B-2', unitCode: '00007', status: 'RECEIVED', receivedAt: at });
    await db.query(`UPDATE dossier SET form_data = '{"villageCode":"00007-001"}' WHERE code = 'B-1'`);
    // The address rule: B-3 (decomposed Unicode, no type word) → 00025, B-4 ("tổ dân phố 05") → 00008,
    // B-5 names both targets' villages → review, B-6 names a village (the village rule wins over its address).
    const addresses: [string, string][] = [
      ['B-3', 'Số 4, Phu\u0301 My\u0303, phường Phúc Xá'], ['B-4', 'tổ dân phố 05, P. Phúc Xá'], ['B-5', 'Thôn Phú Mỹ, gần Tổ dân phố 5'], ['B-6', 'Tổ dân phố 5'],
    ];
    for (const [code, address] of addresses) {
      await insertDossierRow(db, { code, unitCode: '00007', status: 'RECEIVED', receivedAt: at });
      await db.query(`UPDATE dossier SET applicant_address = $2 WHERE code = $1`, [code, address]);
    }
    await db.query(`UPDATE dossier SET form_data = '{"villageCode":"00007-001"}' WHERE code = 'B-6'`);
  });
  afterAll(() => t?.close());

  it('dry run counts without writing; apply moves once (retry moves nothing twice), names the plan in history; compensation moves back', async () => {
    await command('DRY_RUN');
    await waitUntil('dry-run reply', () => !!reply('DRY_RUN'));
    expect(reply('DRY_RUN')!.rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ sourceCode: '00001', before: 2, carriedOver: 1, queued: 0, targets: [expect.objectContaining({ targetCode: '00097', moved: 2 })] }),
      expect.objectContaining({
        sourceCode: '00007', before: 6, queued: 2,
        targets: expect.arrayContaining([
          expect.objectContaining({ targetCode: '00025', moved: 3, byVillage: 2, byAddress: 1 }),
          expect.objectContaining({ targetCode: '00008', moved: 1, byVillage: 0, byAddress: 1 }),
        ]),
      }),
    ]));
    expect((await db.query(`SELECT count(*)::int AS n FROM dossier WHERE processing_unit_code = '00097'`))[0].n).toBe(0);

    await command('APPLY');
    await waitUntil('apply reply', () => !!reply('APPLY'));
    await command('APPLY', 2);
    await waitUntil('retried apply reply', () => !!reply('APPLY', 2));
    for (const r of [reply('APPLY')!, reply('APPLY', 2)!]) {
      expect(r.outcome).toBe('DONE');
      const a = r.rows.find((row) => row.sourceCode === '00001')!;
      expect(a).toMatchObject({ before: 2, queued: 0, failed: 0, carriedOver: 1, after: 0 });
      expect(a.targets).toEqual([{ targetCode: '00097', moved: 2, byVillage: 0, byAddress: 0, movedIdsSha256: movedIdsDigest(['A-1', 'A-2']), movedIds: ['A-1', 'A-2'] }]);
      const b = r.rows.find((row) => row.sourceCode === '00007')!;
      expect(b).toMatchObject({ before: 6, queued: 2, failed: 0, after: 2 });
      expect([...b.targets].sort((x, y) => x.targetCode.localeCompare(y.targetCode))).toEqual([
        expect.objectContaining({ targetCode: '00008', moved: 1, byVillage: 0, byAddress: 1, movedIds: ['B-4'] }),
        expect.objectContaining({ targetCode: '00025', moved: 3, byVillage: 2, byAddress: 1, movedIds: ['B-1', 'B-3', 'B-6'] }),
      ]);
      expect(r.reviewItems.map((i) => i.recordId)).toEqual(['B-2', 'B-5']);
      expect(r.reviewItems[0]).toMatchObject({ sourceCode: '00007', candidateCodes: ['00025', '00008'] });
    }
    const units = await db.query(`SELECT code, processing_unit_code AS unit, competent_unit_code AS competent FROM dossier ORDER BY code`);
    expect(units).toEqual([
      { code: 'A-1', unit: '00097', competent: '00097' }, { code: 'A-2', unit: '00097', competent: '00097' }, { code: 'A-3', unit: '00001', competent: '00001' },
      { code: 'B-1', unit: '00025', competent: '00025' }, { code: 'B-2', unit: '00007', competent: '00007' }, { code: 'B-3', unit: '00025', competent: '00025' },
      { code: 'B-4', unit: '00008', competent: '00008' }, { code: 'B-5', unit: '00007', competent: '00007' }, { code: 'B-6', unit: '00025', competent: '00025' },
    ]);
    const rules = await db.query(`SELECT record_id, rule FROM rearrangement_move WHERE plan_id = $1 AND record_id LIKE 'B-%' ORDER BY 1`, [planId]);
    expect(rules).toEqual([{ record_id: 'B-1', rule: 'village' }, { record_id: 'B-3', rule: 'address' }, { record_id: 'B-4', rule: 'address' }, { record_id: 'B-6', rule: 'village' }]);
    const history = await db.query(`SELECT d.code, h.note FROM dossier_history h JOIN dossier d ON d.id = h.dossier_id WHERE h.action = 'TRANSFER' ORDER BY d.code`);
    expect(history.map((h: { code: string }) => h.code)).toEqual(['A-1', 'A-2', 'B-1', 'B-3', 'B-4', 'B-6']);
    expect(history[0].note).toContain(planId);

    await command('COMPENSATE');
    await waitUntil('compensation reply', () => !!reply('COMPENSATE'));
    expect(reply('COMPENSATE')!.outcome).toBe('DONE');
    expect((await db.query(`SELECT code, processing_unit_code AS unit FROM dossier ORDER BY code`)).map((r: { unit: string }) => r.unit)).toEqual(['00001', '00001', '00001', ...Array(6).fill('00007')]);
  });
});
