import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { REARRANGEMENT_PARTICIPANTS, topicFor } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { createTestDatabase, testTokens, waitUntil } from '@xaso/testing';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { Pool } from 'pg';
import { startMergerService } from '../bootstrap';
import { Load2025Plan } from '../rearrangements/application/load-2025-plan.use-case';
import { RearrangementPlanRepository } from '../rearrangements/application/rearrangement-plan.repository.port';
import { UnitRepository } from '../units/application/unit.repository.port';
import { LEGACY_VALID_FROM, UnitLevel } from '../units/domain/unit';
import { planImport } from '../units/domain/import-plan';
import { readAdminUnitFiles } from '../units/infrastructure/csv-source';
import { LogAndMetricSagaAlerts } from './infrastructure/saga-infrastructure';

jest.setTimeout(600_000);

/**
 * The rearrangement saga through the real gateway, events on the real Kafka broker, real
 * PostgreSQL per service, the real 2025 plan over a registry as it stood on 2025-06-30, all four
 * participants. Apps are loaded by path (no app imports another's code). Seeded records at 00001
 * (merged into 00097): dossiers, petitions, a DRAFT poll with its roll, the year's DRAFT
 * assessment; at 00007 (divided between 00025 and 00008; the plan gives 00025 the village
 * "Thôn Phú Mỹ"): a dossier whose applicant address names that village (address rule → 00025),
 * a dossier and a petition no rule can place (review queue).
 * Legacy dossiers of 00006 (Phường Vĩnh Phúc → 00008) are handed over through the gateway's REST
 * facade before the plan runs, and the successor's officer finds them, by their original code, after it.
 */
type Start = (options: Record<string, unknown>) => Promise<INestApplication>;
const load = (service: string, fn: string) => require(resolve(__dirname, '..', '..', '..', service, 'src', 'bootstrap.ts'))[fn] as Start;
const startGateway = load('gateway', 'startGateway');
interface Worker { port: number; close(): Promise<void> }
const allInOne = (file: string) => require(resolve(__dirname, '..', '..', '..', 'all-in-one', 'src', file));
const { ServiceWorker } = allInOne('worker-host.ts') as { ServiceWorker: { start(service: unknown, options: Record<string, unknown>, onError: (e: Error) => void): Promise<Worker> } };
const { SERVICES } = allInOne('services.ts') as { SERVICES: { name: string }[] };

const SECRET = 'rearrangement-saga-e2e-secret-0123456789abcdef';
const POLL_ID = randomUUID();
const CYCLE_ID = randomUUID();
const files = readAdminUnitFiles();
const PARTICIPANTS = [...REARRANGEMENT_PARTICIPANTS];
const url = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');

describe('rearrangement saga through the gateway (Kafka, real 2025 plan)', () => {
  const dbs: Record<string, { url: string; drop(): Promise<void> }> = {};
  const apps: Record<string, INestApplication> = {};
  const workers: Record<string, Worker> = {};
  const pools: Record<string, Pool> = {};
  let gateway: INestApplication;
  let base: string;
  let planId: string;
  const tokens = testTokens(SECRET);
  const saved = { secret: process.env.AUTH_DEV_SECRET, log: process.env.LOG_LEVEL };
  const brokers = () => process.env.KAFKA_BROKERS!.split(',');
  const run = randomUUID().slice(0, 8);
  const transport = (name: string) => new KafkaTransport({ brokers: brokers(), clientId: `saga-e2e-${name}-${run}` });
  /** Each participant in a worker thread (their own GraphQL type registry), on Kafka, as `npm start` runs them. */
  const startWorker = async (name: string, port = 0) => {
    const env = { ...process.env, HOST: '127.0.0.1', SWC_NODE_PROJECT: resolve(__dirname, '..', '..', '..', '..', 'tsconfig.json'), PETITION_ESCALATION_INTERVAL_MS: '0', DOSSIER_SCHEDULER_INTERVAL_MS: '0' };
    workers[name] = await ServiceWorker.start(SERVICES.find((s) => s.name === name), { port, databaseUrl: dbs[name].url, logger: false, seed: false, env, timeoutMs: 120_000 }, (error) => {
      throw error;
    });
  };

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
  };
  const progress = async (admin: string) => (await gql(`query ($id: ID!) { rearrangement(id: $id) { status runStatus reviewQueued steps { service action state moved total attempts error } } }`, { id: planId }, admin)).data?.rearrangement;
  const db = (service: string) => ({ query: async (sql: string, params?: unknown[]) => (await pools[service].query(sql, params)).rows as any[] });

  beforeAll(async () => {
    process.env.AUTH_DEV_SECRET = SECRET;
    process.env.LOG_LEVEL = 'error';
    for (const s of ['merger', ...PARTICIPANTS]) dbs[s] = await createTestDatabase(`saga_e2e_${s}`);
    // Topics first, one by one, as the services would create them (no creation race between the apps).
    const topics = transport('topics');
    for (const service of ['merger', ...PARTICIPANTS]) await topics.ensureTopics([topicFor(service)]);
    await topics.stop();
    apps.merger = await startMergerService({
      databaseUrl: dbs.merger.url, logger: process.env.SAGA_E2E_LOGS === 'true', port: 0, host: '127.0.0.1', importIfEmpty: false, transport: transport('merger'),
      saga: { participants: PARTICIPANTS, timeoutMs: 4_000, maxAttempts: 50, tickMs: 1_000 },
    });
    for (const name of PARTICIPANTS) await startWorker(name);
    for (const name of ['merger', ...PARTICIPANTS]) pools[name] = new Pool({ connectionString: dbs[name].url, max: 2 });
    const subgraph = (name: string, port: number) => ({ name, url: `http://127.0.0.1:${port}/graphql` });
    gateway = await startGateway({
      port: 0, host: '127.0.0.1', logger: false,
      subgraphs: [{ name: 'merger', url: `${await url(apps.merger)}/graphql` }, ...PARTICIPANTS.map((name) => subgraph(name, workers[name].port))],
    });
    base = await url(gateway);
    // The registry as on 2025-06-30 (three tiers, open-ended), the 2025 plan loaded and scheduled.
    const legacy = planImport(files.legacy, [], []).units.map((u) => ({ ...u, validTo: null }));
    await apps.merger.get(UnitRepository).upsertUnits(legacy);
    // dossier-service's replica as the registry's events would have filled it before the plan: the legacy 00006 and its parents.
    for (const u of legacy.filter((unit) => ['01', '001', '00006'].includes(unit.code))) {
      await pools.dossier.query(
        `INSERT INTO admin_unit_replica (code, valid_from, valid_to, name, level, type, parent_code, parent_valid_from) VALUES ($1, $2, NULL, $3, upper($4), $5, $6, $7) ON CONFLICT DO NOTHING`,
        [u.code, u.validFrom, u.name, u.level, u.type, u.parentCode, u.parentValidFrom],
      );
    }
    const loaded = await apps.merger.get(Load2025Plan).execute({ ...files, user: { sub: 'admin-e2e', roles: [Role.ADMIN] } });
    planId = loaded.plan.id;
    // The data set does not say which villages each part of a divided commune received: the plan is told here for 00007.
    const [divide] = await db('merger').query(`SELECT idx, entry FROM rearrangement_plan_entry WHERE plan_id = $1 AND entry->>'kind' = 'DIVIDE' AND entry->>'source' = '00007'`, [planId]);
    divide.entry.parts = divide.entry.parts.map((p: { code: string }) => (p.code === '00025' ? { ...p, villageCodes: ['00007-001'] } : p));
    await db('merger').query(`UPDATE rearrangement_plan_entry SET entry = $3::jsonb WHERE plan_id = $1 AND idx = $2`, [planId, divide.idx, JSON.stringify(divide.entry)]);
    // …and the registry knows that village (added after loading: the real plan validated without it).
    await apps.merger.get(UnitRepository).insertUnit({
      code: '00007-001', validFrom: LEGACY_VALID_FROM, validTo: null, level: UnitLevel.VILLAGE, type: 'Thôn', name: 'Phú Mỹ', parentCode: '00007', parentValidFrom: LEGACY_VALID_FROM,
    });
    await apps.merger.get(RearrangementPlanRepository).setStatus(planId, 'VALIDATED', 'SCHEDULED');

    const at = '2025-06-20T02:00:00Z';
    const dossier = (code: string, unit: string, status: string) =>
      db('dossier').query(
        `INSERT INTO dossier (id, code, procedure_code, status, channel, receiving_unit_code, competent_unit_code, processing_unit_code,
           applicant_full_name, applicant_id_number, processing_days, received_at, due_at, original_due_at, closed_at)
         VALUES ($1, $2, 'HT.010', $3, 'DIRECT', $4, $4, $4, 'Seed', '001090001234', 5, $5, '2025-07-10T10:00:00Z', '2025-07-10T10:00:00Z', CASE WHEN $3 = 'RETURNED' THEN $5::timestamptz END)`,
        [randomUUID(), code, status, unit, at],
      );
    await dossier('00001-250620-0001', '00001', 'RECEIVED');
    await dossier('00001-250620-0002', '00001', 'IN_PROCESSING');
    await dossier('00001-250620-0003', '00001', 'RETURNED');
    await dossier('00007-250620-0001', '00007', 'RECEIVED');
    await dossier('00007-250620-0002', '00007', 'RECEIVED');
    await db('dossier').query(`UPDATE dossier SET applicant_address = 'Số 3, thon Phu My, phường Phúc Xá' WHERE code = '00007-250620-0002'`);
    const petition = (code: string, unit: string, status: string) =>
      db('petition').query(
        `INSERT INTO petition (code, unit_code, kind, channel, status, received_at, acceptance_due, state, tracking_secret_hash)
         VALUES ($1, $2, 'COMPLAINT', 'ONLINE', $3, $4, '2025-06-30', jsonb_build_object('code', $1::text, 'unitCode', $2::text, 'status', $3::text), 'x')`,
        [code, unit, status, at],
      );
    await petition('KN-00001-1', '00001', 'ACCEPTED');
    await petition('KN-00001-2', '00001', 'RESOLVED');
    await petition('KN-00007-1', '00007', 'RECEIVED');
    // voting: a DRAFT poll with its roll at 00001.
    await db('voting').query(
      `INSERT INTO poll (id, unit_code, village_code, matter, title, description, option_kind, electorate, channels, opens_at, closes_at, pass_basis, pass_percent, status)
       VALUES ($1, '00001', NULL, 'PUBLIC_WORKS_CONTRIBUTION', 'Đường tổ dân phố', 'Góp kinh phí', 'YES_NO_ABSTAIN', 'HOUSEHOLDS', ARRAY['ONLINE'], '2025-07-10T00:00:00Z', '2025-07-20T00:00:00Z', 'ROLL', 50, 'DRAFT')`,
      [POLL_ID],
    );
    await db('voting').query(`INSERT INTO poll_roll_entry (poll_id, entry_key, household_id, id_number, name, village_code) VALUES ($1, 'H1', 'H1', '001085010001', 'Nguyễn Văn A', '00001-001')`, [POLL_ID]);
    // evaluation: the year's DRAFT assessment of 00001.
    const [card] = await db('evaluation').query(`SELECT code, version FROM scorecard ORDER BY code, version LIMIT 1`);
    await db('evaluation').query(
      `INSERT INTO evaluation_cycle (id, year, province_code, scorecard_code, scorecard_version, unit_codes, opened_by) VALUES ($1, 2025, '01', $2, $3, ARRAY['00001'], 'admin')`,
      [CYCLE_ID, card.code, card.version],
    );
    await db('evaluation').query(`INSERT INTO assessment (cycle_id, unit_code, province_code, year, state, body) VALUES ($1, '00001', '01', 2025, 'DRAFT', $2::jsonb)`, [
      CYCLE_ID,
      JSON.stringify({ cycleId: CYCLE_ID, year: 2025, unitCode: '00001', provinceCode: '01', scorecardCode: card.code, scorecardVersion: card.version, state: 'DRAFT', manual: {}, measured: null, submittedOn: null, reviews: {}, recognisedLevelCode: null }),
    ]);
  });

  afterAll(async () => {
    await gateway?.close();
    for (const app of Object.values(apps)) await app.close().catch(() => undefined);
    for (const w of Object.values(workers)) await w.close().catch(() => undefined);
    for (const p of Object.values(pools)) await p.end().catch(() => undefined);
    for (const d of Object.values(dbs)) await d.drop().catch(() => undefined);
    process.env.AUTH_DEV_SECRET = saved.secret;
    process.env.LOG_LEVEL = saved.log;
  });

  it('only ADMIN (and the plan’s province) apply; a failing participant is compensated; a participant down mid-step resumes, nothing moved twice; review queue; reconciliation', async () => {
    const admin = await tokens.admin();
    const officer = await tokens.officer('00025');
    const province = await tokens.provinceOfficer('01');
    const APPLY = `mutation ($id: ID!) { applyPlan(id: $id) { status runStatus steps { service action state } } }`;

    // Authorization: a commune officer and another province's staff may not apply the national plan.
    expect((await gql(APPLY, { id: planId }, officer)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await gql(APPLY, { id: planId }, province)).errors?.[0].extensions.code).toBe('PLAN_FORBIDDEN');
    expect((await gql(APPLY, { id: 'not-a-uuid' }, admin)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

    // Hand-over of the old commune system's dossiers of 00006 through the gateway (JSON, then the same rows again as CSV): the province's officers only.
    const legacyRow = (originalCode: string, status: string, receivedDate: string) => ({
      agencyCode: '00006', originalCode, procedureCode: 'HT.010', receivedDate, dueDate: '2025-07-20', status, applicant: { fullName: 'Lê Văn Cũ', idNumber: '001090001234' }, address: 'Vĩnh Phúc, Ba Đình',
    });
    const legacyRows = [legacyRow(`VP-${run}-1`, 'Đang xử lý', '2025-06-11'), legacyRow(`VP-${run}-2`, 'Mới tiếp nhận', '2025-06-12'), legacyRow(`VP-${run}-3`, 'Đã trả kết quả', '2025-06-11')];
    const handOver = (token: string, body: string, contentType = 'application/json') =>
      fetch(`${base}/api/v1/dossiers/legacy-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
    expect((await handOver(officer, JSON.stringify(legacyRows))).status).toBe(403);
    const handedOver = await handOver(province, JSON.stringify(legacyRows));
    expect(handedOver.status).toBe(200);
    expect(await handedOver.json()).toMatchObject({ imported: 3, alreadyImported: 0 });
    const legacyCsv = `agencyCode,originalCode,procedureCode,receivedDate,dueDate,status,applicantName,applicantIdNumber\n00006,VP-${run}-1,HT.010,2025-06-11,2025-07-20,Đang xử lý,Lê Văn Cũ,001090001234\n`;
    const resent = await handOver(province, legacyCsv, 'text/csv; charset=utf-8');
    expect(resent.status).toBe(200);
    expect(await resent.json()).toMatchObject({ imported: 0, alreadyImported: 1 });

    // Dry run: counts, no write.
    const dry = await gql(`mutation ($id: ID!) { dryRunPlan(id: $id) { runStatus } }`, { id: planId }, admin);
    expect(dry.errors).toBeUndefined();
    const DRY = `query ($id: ID!) { reconciliationReport(planId: $id, dryRun: true) { rows { service recordType sourceCode before moved byAddress queued carriedOver } } }`;
    await waitUntil('dry run answered', async () => (await gql(`query ($id: ID!) { rearrangementProgress(id: $id, dryRun: true) { runStatus } }`, { id: planId }, admin)).data?.rearrangementProgress.runStatus === 'DONE', 120_000);
    const dryRows = (await gql(DRY, { id: planId }, admin)).data.reconciliationReport.rows;
    expect(dryRows).toEqual(expect.arrayContaining([
      { service: 'dossier', recordType: 'dossier', sourceCode: '00001', before: 2, moved: 2, byAddress: 0, queued: 0, carriedOver: 1 },
      { service: 'dossier', recordType: 'dossier', sourceCode: '00007', before: 2, moved: 1, byAddress: 1, queued: 1, carriedOver: 0 },
      { service: 'voting', recordType: 'poll', sourceCode: '00001', before: 1, moved: 1, byAddress: 0, queued: 0, carriedOver: 0 },
      { service: 'evaluation', recordType: 'assessment', sourceCode: '00001', before: 1, moved: 1, byAddress: 0, queued: 0, carriedOver: 0 },
      { service: 'dossier', recordType: 'dossier', sourceCode: '00006', before: 2, moved: 2, byAddress: 0, queued: 0, carriedOver: 1 },
    ]));
    expect((await db('dossier').query(`SELECT count(*)::int AS n FROM dossier WHERE processing_unit_code = '00001'`))[0].n).toBe(3);

    // 1. A failing participant (petition refuses every update): compensation re-points the dossiers, the registry is reverted.
    await db('petition').query(`CREATE FUNCTION saga_e2e_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
    await db('petition').query(`CREATE TRIGGER saga_e2e_fail BEFORE UPDATE ON petition FOR EACH ROW EXECUTE FUNCTION saga_e2e_fail()`);
    const applied = await gql(APPLY, { id: planId }, admin);
    expect(applied.errors).toBeUndefined();
    await waitUntil('compensated', async () => (await progress(admin))?.status === 'COMPENSATED', 240_000);
    const compensated = await progress(admin);
    expect(compensated.runStatus).toBe('COMPENSATED');
    expect(compensated.steps).toEqual(expect.arrayContaining([
      expect.objectContaining({ service: 'petition', action: 'APPLY', state: 'FAILED' }),
      expect.objectContaining({ service: 'dossier', action: 'COMPENSATE', state: 'DONE' }),
      expect.objectContaining({ service: 'voting', action: 'COMPENSATE', state: 'DONE' }),
      expect.objectContaining({ service: 'evaluation', action: 'COMPENSATE', state: 'DONE' }),
      expect.objectContaining({ service: 'merger', action: 'REGISTRY_REVERT', state: 'DONE' }),
    ]));
    expect((await db('dossier').query(`SELECT count(*)::int AS n FROM dossier WHERE processing_unit_code = '00001'`))[0].n).toBe(3);
    expect((await db('dossier').query(`SELECT processing_unit_code AS u FROM dossier WHERE code = '00007-250620-0002'`))[0].u).toBe('00007');
    expect((await db('voting').query(`SELECT unit_code FROM poll WHERE id = $1`, [POLL_ID]))[0].unit_code).toBe('00001');
    expect((await db('evaluation').query(`SELECT unit_code FROM assessment ORDER BY 1`)).map((r: any) => r.unit_code)).toEqual(['00001']);
    expect(apps.merger.get(LogAndMetricSagaAlerts).failedToCompensateTotal).toBe(0);
    await db('petition').query(`DROP TRIGGER saga_e2e_fail ON petition`);

    // 2. Again, with petition-service down during the step (killed mid-step): it resumes after restart, retries move nothing twice.
    const plans = apps.merger.get(RearrangementPlanRepository);
    for (const [from, to] of [['COMPENSATED', 'DRAFT'], ['DRAFT', 'VALIDATED'], ['VALIDATED', 'SCHEDULED']] as const) await plans.setStatus(planId, from, to);
    const petitionPort = workers.petition.port;
    await workers.petition.close();
    expect((await gql(APPLY, { id: planId }, admin)).errors).toBeUndefined();
    await waitUntil('dossier applied', async () => (await progress(admin))?.steps.some((s: any) => s.service === 'dossier' && s.action === 'APPLY' && s.state === 'DONE'), 240_000);
    await new Promise((r) => setTimeout(r, 6_000)); // past the step timeout: merger sends petition's commands again
    await startWorker('petition', petitionPort);
    await waitUntil('applied', async () => (await progress(admin))?.status === 'APPLIED', 240_000);
    const done = await progress(admin);
    expect(done.steps.find((s: any) => s.service === 'petition' && s.action === 'APPLY').attempts).toBeGreaterThan(1);
    expect(done.steps.find((s: any) => s.service === 'dossier' && s.action === 'APPLY')).toMatchObject({ state: 'DONE', moved: 5, total: 6 });
    for (const service of ['voting', 'evaluation']) expect(done.steps.find((s: any) => s.service === service && s.action === 'APPLY')).toMatchObject({ state: 'DONE', moved: 1 });
    expect(done.reviewQueued).toBe(2);

    const units = await db('dossier').query(`SELECT code, processing_unit_code AS unit FROM dossier WHERE legacy_code IS NULL ORDER BY code`);
    expect(units.map((u: any) => u.unit)).toEqual(['00097', '00097', '00001', '00007', '00025']);
    // voting: the DRAFT poll and its roll went to 00097; evaluation: the successor's DRAFT combines 00001's.
    expect((await db('voting').query(`SELECT p.unit_code, count(e.*)::int AS roll FROM poll p LEFT JOIN poll_roll_entry e ON e.poll_id = p.id WHERE p.id = $1 GROUP BY 1`, [POLL_ID]))).toEqual([{ unit_code: '00097', roll: 1 }]);
    expect((await db('evaluation').query(`SELECT unit_code, state FROM assessment ORDER BY 1`))).toEqual([{ unit_code: '00001', state: 'DRAFT' }, { unit_code: '00097', state: 'DRAFT' }]);
    expect((await db('evaluation').query(`SELECT unit_codes FROM evaluation_cycle WHERE id = $1`, [CYCLE_ID]))[0].unit_codes).toEqual(['00001', '00097']);
    const moves = await db('petition').query(`SELECT record_id, count(*)::int AS n FROM rearrangement_move WHERE compensated_at IS NULL GROUP BY 1`);
    expect(moves).toEqual([{ record_id: 'KN-00001-1', n: 1 }]);
    expect((await db('petition').query(`SELECT unit_code, state->>'unitCode' AS s FROM petition WHERE code = 'KN-00001-1'`))[0]).toEqual({ unit_code: '00097', s: '00097' });
    const history = await db('dossier').query(`SELECT count(*)::int AS n FROM dossier_history h JOIN dossier d ON d.id = h.dossier_id WHERE d.code = '00001-250620-0001' AND h.action = 'TRANSFER'`);
    expect(history[0].n).toBe(3); // moved, moved back, moved again: each names the plan

    // Tracking by the old code works after the move, and the successor sees it.
    const tracked = await fetch(`${base}/api/v1/dossiers/00001-250620-0001`, { headers: { authorization: `Bearer ${await tokens.officer('00097')}` } });
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ code: '00001-250620-0001', processingUnitCode: '00097' });

    // The handed-over dossiers: the open ones carried over to 00008 with their original code and due date, the closed one stays; tracking by the old code.
    const successorOfficer = await tokens.officer('00008');
    const LEGACY = `query ($code: ID!) { dossier(code: $code) { code legacyCode legacyAgencyCode processingUnitCode receivingUnitCode dueAt history { action note } } }`;
    const carried = (await gql(LEGACY, { code: `VP-${run}-1` }, successorOfficer)).data?.dossier;
    expect(carried).toMatchObject({ code: '00006-250611-0001', legacyCode: `VP-${run}-1`, legacyAgencyCode: '00006', processingUnitCode: '00008', receivingUnitCode: '00006', dueAt: '2025-07-20T10:00:00.000Z' });
    expect(carried.history.filter((h: any) => h.action === 'TRANSFER').at(-1).note).toContain(planId);
    const successorList = (await gql(`{ dossiers(first: 50, filter: { unitCode: "00008" }) { edges { node { legacyCode } } } }`, {}, successorOfficer)).data?.dossiers.edges.map((e: any) => e.node.legacyCode);
    expect(successorList).toEqual(expect.arrayContaining([`VP-${run}-1`, `VP-${run}-2`]));
    expect((await db('dossier').query(`SELECT processing_unit_code AS u FROM dossier WHERE legacy_code = $1`, [`VP-${run}-3`]))[0].u).toBe('00006');
    const trackedByOldCode = await fetch(`${base}/api/v1/dossiers/VP-${run}-2/tracking?idNumberLast4=1234`);
    expect(trackedByOldCode.status).toBe(200);
    expect(await trackedByOldCode.json()).toMatchObject({ code: '00006-250612-0001', legacyCode: `VP-${run}-2`, status: 'RECEIVED' });

    // Review queue of the divided 00007: an officer of 00025 (a candidate) sees and assigns; an officer elsewhere may not.
    const QUEUE = `query ($p: ID!, $u: UnitCode, $first: Int, $after: String) {
      reviewQueue(planId: $p, unitCode: $u, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id service recordId status candidateCodes } } } }`;
    expect((await gql(QUEUE, { p: planId, u: '00004' }, officer)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    // Keyset pages of one: both items, each once, with the total.
    const first = (await gql(QUEUE, { p: planId, u: '00025', first: 1 }, officer)).data.reviewQueue;
    expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const second = (await gql(QUEUE, { p: planId, u: '00025', first: 1, after: first.pageInfo.endCursor }, officer)).data.reviewQueue;
    expect(second).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    const queue = [...first.edges, ...second.edges].map((e: any) => e.node);
    expect(queue.map((i: any) => i.recordId).sort()).toEqual(['00007-250620-0001', 'KN-00007-1']);
    expect((await gql(QUEUE, { p: planId, u: '00025', after: 'not-a-cursor' }, officer)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const restQueue = await fetch(`${base}/api/v1/rearrangements/${planId}/review-queue?unitCode=00025&first=1`, { headers: { authorization: `Bearer ${officer}` } });
    expect(restQueue.status).toBe(200);
    expect(await restQueue.json()).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, items: [expect.objectContaining({ recordId: queue[0].recordId })] });
    const item = queue.find((i: any) => i.recordId === '00007-250620-0001');
    const ASSIGN = `mutation ($id: ID!, $t: UnitCode!) { assignReviewItem(id: $id, targetUnitCode: $t) { status targetCode } }`;
    expect((await gql(ASSIGN, { id: item.id, t: '00004' }, officer)).errors?.[0].extensions.code).toBe('REVIEW_TARGET_NOT_CANDIDATE');
    expect((await gql(ASSIGN, { id: item.id, t: '00025' }, officer)).data.assignReviewItem).toEqual({ status: 'ASSIGNING', targetCode: '00025' });
    await waitUntil('assigned', async () => (await db('dossier').query(`SELECT processing_unit_code AS u FROM dossier WHERE code = '00007-250620-0001'`))[0].u === '00025', 60_000);

    // Reconciliation: every row balances, hashes agree, CSV export, sign-off recorded.
    const REPORT = `query ($id: ID!) { reconciliationReport(planId: $id) {
      balanced problems csv rows { service recordType sourceCode before moved byUnit byVillage byAddress byReview queued failed carriedOver after balanced hashesMatch
        targets { targetCode moved byAddress assigned hashMatches } } } }`;
    await waitUntil('assignment in the report', async () =>
      (await gql(REPORT, { id: planId }, admin)).data?.reconciliationReport.rows.some((r: any) => r.sourceCode === '00007' && r.service === 'dossier' && r.queued === 0));
    const report = (await gql(REPORT, { id: planId }, admin)).data.reconciliationReport;
    expect(report).toMatchObject({ balanced: true, problems: 0 });
    expect(report.rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ service: 'dossier', recordType: 'dossier', sourceCode: '00001', before: 2, moved: 2, queued: 0, failed: 0, carriedOver: 1, after: 0, balanced: true, hashesMatch: true }),
      expect.objectContaining({
        service: 'dossier', sourceCode: '00007', before: 2, moved: 2, byAddress: 1, byReview: 1, queued: 0, balanced: true,
        targets: [{ targetCode: '00025', moved: 1, byAddress: 1, assigned: 1, hashMatches: true }],
      }),
      expect.objectContaining({ service: 'voting', recordType: 'poll', sourceCode: '00001', before: 1, moved: 1, byUnit: 1, balanced: true, hashesMatch: true }),
      expect.objectContaining({ service: 'evaluation', recordType: 'assessment', sourceCode: '00001', before: 1, moved: 1, byUnit: 1, balanced: true, hashesMatch: true }),
      expect.objectContaining({ service: 'petition', recordType: 'petition', sourceCode: '00001', before: 1, moved: 1, carriedOver: 1, balanced: true, hashesMatch: true }),
      expect.objectContaining({ service: 'petition', recordType: 'petition', sourceCode: '00007', before: 1, moved: 0, queued: 1, balanced: true }),
    ]));
    const csv = await fetch(`${base}/api/v1/rearrangements/${planId}/reconciliation.csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toContain('service,record_type,source_code,target_code,before,moved,by_village,by_address');
    // The same report as XLSX through the gateway, read back.
    const xlsx = await fetch(`${base}/api/v1/rearrangements/${planId}/reconciliation.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['service', 'record_type', 'source_code', 'target_code']);
    const lines = sheet.getSheetValues().slice(2).map((r: any) => r.slice(1, 7));
    expect(lines).toEqual(expect.arrayContaining([['voting', 'poll', '00001', '00097', 1, 1], ['evaluation', 'assessment', '00001', '00097', 1, 1]]));
    expect((await fetch(`${base}/api/v1/rearrangements/${planId}/reconciliation.xlsx`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(403);
    const rest = await fetch(`${base}/api/v1/rearrangements/${planId}/progress`, { headers: { authorization: `Bearer ${officer}` } });
    expect(rest.status).toBe(403);
    const own = await fetch(`${base}/api/v1/rearrangements/${planId}/progress`, { headers: { authorization: `Bearer ${admin}` } });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ status: 'APPLIED' });
    const signed = await fetch(`${base}/api/v1/rearrangements/${planId}/reconciliation/sign-off`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': `sign-${run}` }, body: JSON.stringify({ note: 'Đã đối soát' }),
    });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ signedOffBy: 'admin-1' });
    // Final: no rollback any more.
    expect((await gql(`mutation ($id: ID!) { rollbackPlan(id: $id) { status } }`, { id: planId }, admin)).errors?.[0].extensions.code).toBe('PLAN_FINAL');
  });
});
