import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { topicFor } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import ExcelJS from 'exceljs';
import { resolve } from 'node:path';
import { enterableMaxPoints } from '../src/assessments/domain/evidence';
import { METRIC } from '../src/indicators/domain/metrics';
import { indicatorsOf } from '../src/scorecards/domain/scorecard';
import { DECISION_766_SERVICE_INDEX as QD766 } from '../src/scorecards/domain/seed';
import { startEvaluationTestApp, type EvaluationTestApp } from './evaluation-test-app';
import { dossierReceivedAt, dossierResolvedAt, petitionRatedAt } from './event-stream';

jest.setTimeout(180_000);

/**
 * Indicators and the workflow through the real gateway (federated `/graphql` and the REST facade
 * `/api/v1/evaluation`) against real PostgreSQL, with the events on Kafka: dossier and petition
 * events in, `assessment.*` events out. The gateway is loaded by path (no app imports another's code).
 */
type StartGateway = (options: { port: number; host?: string; subgraphs: { name: string; url: string }[]; logger?: false }) => Promise<INestApplication>;
const { startGateway } = require(resolve(__dirname, '..', '..', 'gateway', 'src', 'bootstrap.ts')) as { startGateway: StartGateway };

const SECRET = 'evaluation-gateway-spec-secret-evaluation-01';
/** A commune of Hà Nội no other test file names (the Kafka topics are shared by the test run). */
const UNIT = '00685';
const PROVINCE = '01';

describe('evaluation through the gateway (real PostgreSQL, events on Kafka)', () => {
  let harness: EvaluationTestApp;
  let gateway: INestApplication;
  let kafka: KafkaTransport;
  let base: string;
  const published: { type: string; unitCode: string }[] = [];
  const saved = { logLevel: process.env.LOG_LEVEL };

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return response.json() as Promise<{ data?: any; errors?: { extensions: { code: string } }[] }>;
  };

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'error';
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    harness = await startEvaluationTestApp({
      database: 'evaluation_gateway',
      secret: SECRET,
      listen: true,
      transport: new KafkaTransport({ brokers, clientId: 'evaluation-gateway-spec-app' }),
      consumerGroup: `evaluation-service-test-gateway-${Date.now()}`,
    });
    const serviceUrl = (await harness.app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
    gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'evaluation', url: `${serviceUrl}/graphql` }], logger: false });
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    kafka = new KafkaTransport({ brokers, clientId: 'evaluation-gateway-spec' });
    await kafka.start();
    await kafka.subscribe(`evaluation-gateway-spec-${Date.now()}`, [topicFor('evaluation')], async (m) => {
      published.push(JSON.parse(m.value!));
    });
  });

  afterAll(async () => {
    await kafka?.stop();
    await gateway?.close();
    await harness?.close();
    process.env.LOG_LEVEL = saved.logLevel;
  });

  it('dossier and petition events on Kafka → indicators → self-assessment, submission, approval → ranking over REST → assessment events on Kafka', async () => {
    const events = [
      dossierReceivedAt(`${UNIT}-D1`, UNIT, 'ONLINE', '2026-04-01T09:00:00+07:00'),
      dossierReceivedAt(`${UNIT}-D2`, UNIT, 'ONLINE', '2026-04-01T10:00:00+07:00'),
      dossierReceivedAt(`${UNIT}-D3`, UNIT, 'DIRECT', '2026-04-02T10:00:00+07:00'),
      dossierResolvedAt(`${UNIT}-D1`, UNIT, '2026-04-05T09:00:00+07:00', 'EARLY'),
      dossierResolvedAt(`${UNIT}-D2`, UNIT, '2026-04-06T09:00:00+07:00', 'LATE'),
      petitionRatedAt(`${UNIT}-P1`, UNIT, '2026-04-07T09:00:00+07:00', 4),
    ];
    for (const e of events) await kafka.send(e.topic, [e.message]);
    const officer = await harness.token('gw-officer', Role.OFFICER, UNIT);
    const province = await harness.token('gw-province', Role.PROVINCE_OFFICER, PROVINCE);
    const VALUES = `query ($u: UnitCode!) { indicatorValues(unitCode: $u, from: "2026-01-01", to: "2026-12-31") { totals { metric total } } }`;
    const totals = async () =>
      Object.fromEntries(((await gql(VALUES, { u: UNIT }, officer)).data?.indicatorValues.totals ?? []).map((m: { metric: string; total: number }) => [m.metric, m.total]));
    await waitUntil('the six events as facts', async () => (await totals())[METRIC.ratingReceived] === 1 && (await totals())[METRIC.dossierResolved] === 2, 120_000);
    expect(await totals()).toMatchObject({
      [METRIC.dossierReceived]: 3, [METRIC.dossierReceivedOnline]: 2, [METRIC.dossierResolvedOnTime]: 1, [METRIC.dossierResolvedLate]: 1, [METRIC.ratingSatisfied]: 1,
    });

    const opened = await gql(`mutation ($input: OpenCycleInput!) { openCycle(input: $input) { id } }`,
      { input: { year: 2026, provinceCode: PROVINCE, scorecardCode: QD766.code, scorecardVersion: 1, unitCodes: [UNIT] } }, province);
    expect(opened.errors).toBeUndefined();
    const cycleId = opened.data.openCycle.id;
    const entries = Object.fromEntries(
      indicatorsOf(QD766).filter((p) => enterableMaxPoints(p.indicator) > 0).map((p) => [p.indicator.code, { points: enterableMaxPoints(p.indicator), evidence: [{ kind: 'DOCUMENT', reference: 'QĐ 7/UBND' }] }]),
    );
    const step = (name: string, extra = '', decl = '') =>
      `mutation ($c: ID!, $u: UnitCode!${decl}) { ${name}(cycleId: $c, unitCode: $u${extra}) { state reviewed { total insufficientData } } }`;
    expect((await gql(step('saveSelfAssessment', ', entries: $e', ', $e: JSON!'), { c: cycleId, u: UNIT, e: entries }, officer)).errors).toBeUndefined();
    const submitted = await gql(step('submitAssessment'), { c: cycleId, u: UNIT }, officer);
    expect(submitted.data.submitAssessment.state).toBe('SUBMITTED');
    expect(submitted.data.submitAssessment.reviewed.insufficientData).toBe(false);
    const approved = await fetch(`${base}/api/v1/evaluation/cycles/${cycleId}/assessments/${UNIT}/approve`, {
      method: 'POST', headers: { authorization: `Bearer ${province}`, 'idempotency-key': `approve-${cycleId}` },
    });
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as { state: string }).state).toBe('APPROVED');

    const ranking = await fetch(`${base}/api/v1/evaluation/cycles/${cycleId}/rankings?provinceCode=${PROVINCE}`, { headers: { authorization: `Bearer ${province}` } });
    expect(ranking.status).toBe(200);
    expect(await ranking.json()).toMatchObject({ totalCount: 1, items: [{ rank: 1, unitCode: UNIT, total: submitted.data.submitAssessment.reviewed.total }] });
    const refused = await fetch(`${base}/api/v1/evaluation/cycles/${cycleId}/rankings?provinceCode=${PROVINCE}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await refused.json()) as { code: string }).code).toBe('RESULTS_NOT_PUBLISHED');

    // exports through the gateway's REST proxy: the file bytes and Content-Disposition come back intact
    const csv = await fetch(`${base}/api/v1/evaluation/cycles/${cycleId}/rankings.csv?provinceCode=${PROVINCE}`, { headers: { authorization: `Bearer ${province}` } });
    expect([csv.status, csv.headers.get('content-type'), csv.headers.get('content-disposition')]).toEqual([200, 'text/csv; charset=utf-8', expect.stringMatching(/^attachment; filename="xep-hang-2026-tinh-01-.+\.csv"$/)]);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Hạng,Mã xã,Tên xã,Tổng điểm,Mức đạt,Mã mức,Trạng thái');
    expect(lines[1].startsWith(`1,${UNIT},`)).toBe(true);
    const xlsx = await fetch(`${base}/api/v1/evaluation/cycles/${cycleId}/assessments/${UNIT}/scorecard.xlsx`, { headers: { authorization: `Bearer ${officer}` } });
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(xlsx.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="bang-diem-2026-xa-${UNIT}-.+\\.xlsx"$`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((Buffer.from(await xlsx.arrayBuffer())) as unknown as ArrayBuffer as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(5).value).toBe('Mã chỉ số');
    expect(sheet.actualRowCount).toBe(1 + indicatorsOf(QD766).length + QD766.groups.length + 3);
    const rankingsXlsx = await fetch(`${base}/api/v1/evaluation/cycles/${cycleId}/rankings.xlsx?provinceCode=${PROVINCE}`, { headers: { authorization: `Bearer ${province}` } });
    const ranked = new ExcelJS.Workbook();
    await ranked.xlsx.load((Buffer.from(await rankingsXlsx.arrayBuffer())) as unknown as ArrayBuffer as never);
    expect(ranked.worksheets[0].getRow(2).getCell(2).value).toBe(UNIT);

    await waitUntil('assessment.submitted and assessment.approved on Kafka', () =>
      ['assessment.submitted', 'assessment.approved'].every((type) => published.some((e) => e.type === type && e.unitCode === UNIT)), 120_000);
  });
});
