import { Role } from '@xaso/auth';
import { InProcessTransport } from '@xaso/messaging';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { enterableMaxPoints } from '../src/assessments/domain/evidence';
import { METRIC } from '../src/indicators/domain/metrics';
import { indicatorsOf } from '../src/scorecards/domain/scorecard';
import { DECISION_766_SERVICE_INDEX as QD766 } from '../src/scorecards/domain/seed';
import { startEvaluationTestApp, type EvaluationTestApp } from './evaluation-test-app';
import { dossierReceivedAt, dossierResolvedAt, petitionRatedAt, type StreamEvent } from './event-stream';

/**
 * Results around the workflow (real PostgreSQL, real admin units, a movable clock): overdue flags
 * on Vietnam's local date, publication to the communes, CSV/XLSX exports read back, province
 * targets set by ADMIN, and a merged commune's history from its predecessors.
 */
const SECRET = 'evaluation-results-secret';
const PROVINCE = '01';
/** Real communes of Hà Nội since 2025-07-01. */
const A = '00004';
const B = '00008';
const C = '00025';

const OVERDUE = 'overdue { selfAssessmentOverdue reviewOverdue recognitionOverdue }';
const ASSESSMENT = `query ($c: ID!, $u: UnitCode!) { assessment(cycleId: $c, unitCode: $u) { state reviewed { total levelCode } ${OVERDUE} } }`;
const step = (name: string, extra = '', decl = '') => `mutation ($c: ID!, $u: UnitCode!${decl}) { ${name}(cycleId: $c, unitCode: $u${extra}) { state ${OVERDUE} } }`;
const SUMMARY = `query ($id: ID!) { cycle(id: $id) { publishedAt summary { today byState { state count } selfAssessmentOverdue reviewOverdue recognitionOverdue } } }`;
const RANKINGS = `query ($c: ID!, $p: String!) { rankings(cycleId: $c, provinceCode: $p) { totalCount edges { node { rank unitCode total } } } }`;
const PUBLISH = `mutation ($c: ID!) { publishResults(cycleId: $c) { id publishedAt } }`;

const entries = Object.fromEntries(
  indicatorsOf(QD766)
    .filter((p) => enterableMaxPoints(p.indicator) > 0)
    .map((p, i) => [p.indicator.code, { points: i % 3 === 0 ? 0 : enterableMaxPoints(p.indicator), evidence: [{ kind: 'DOCUMENT', reference: `QĐ ${i}/UBND` }] }]),
);

describe('evaluation-service: overdue flags, publication, exports, targets, merged history (real PostgreSQL)', () => {
  let t: EvaluationTestApp;
  let now = new Date('2026-12-31T16:30:00Z'); // 23:30 on 31 December in Vietnam
  let cycleId: string;
  const tokens: Record<string, string> = {};
  const codeOf = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions?.code;
  const http = () => request(t.app.getHttpServer());
  const send = async (events: StreamEvent[]) => {
    const transport = new InProcessTransport(t.bus);
    for (const e of events) await transport.send(e.topic, [e.message]);
    await t.consumed(events.map((e) => e.id));
  };

  beforeAll(async () => {
    t = await startEvaluationTestApp({ database: 'eval_results', secret: SECRET, consumerGroup: 'evaluation-results', clock: { now: () => now } });
    tokens.a = await t.token('officer-a', Role.OFFICER, A);
    tokens.b = await t.token('officer-b', Role.OFFICER, B);
    tokens.hcm = await t.token('officer-hcm', Role.OFFICER, '25747');
    tokens.province = await t.token('province-01', Role.PROVINCE_OFFICER, PROVINCE);
    tokens.otherProvince = await t.token('province-79', Role.PROVINCE_OFFICER, '79');
    tokens.leader = await t.token('chairman-01', Role.LEADER, PROVINCE);
    tokens.admin = await t.token('admin', Role.ADMIN);
    await send([
      dossierReceivedAt('A-1', A, 'ONLINE', '2026-05-01T09:00:00+07:00'),
      dossierResolvedAt('A-1', A, '2026-05-03T09:00:00+07:00', 'ON_TIME'),
      petitionRatedAt('A-P1', A, '2026-06-01T09:00:00+07:00', 5),
      dossierReceivedAt('B-1', B, 'DIRECT', '2026-05-01T09:00:00+07:00'),
      dossierResolvedAt('B-1', B, '2026-05-03T09:00:00+07:00', 'LATE'),
      petitionRatedAt('B-P1', B, '2026-06-01T09:00:00+07:00', 4),
    ]);
    const opened = await t.gql(`mutation ($input: OpenCycleInput!) { openCycle(input: $input) { id publishedAt } }`,
      { input: { year: 2026, provinceCode: PROVINCE, scorecardCode: QD766.code, scorecardVersion: 1, unitCodes: [A, B, C] } }, tokens.province);
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openCycle.publishedAt).toBeNull();
    cycleId = opened.data.openCycle.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('flags self-assessment and review as overdue from 1 January on the local date in Vietnam (still 31 December in UTC)', async () => {
    const before = await t.gql(ASSESSMENT, { c: cycleId, u: A }, tokens.a);
    expect(before.data.assessment.overdue).toEqual({ selfAssessmentOverdue: false, reviewOverdue: false, recognitionOverdue: false });
    now = new Date('2026-12-31T17:30:00Z'); // 00:30 on 1 January 2027 in Vietnam
    const after = await t.gql(ASSESSMENT, { c: cycleId, u: A }, tokens.a);
    expect(after.data.assessment.overdue).toEqual({ selfAssessmentOverdue: true, reviewOverdue: true, recognitionOverdue: false });
    const summary = (await t.gql(SUMMARY, { id: cycleId }, tokens.province)).data.cycle.summary;
    expect(summary).toMatchObject({ today: '2027-01-01', selfAssessmentOverdue: 3, reviewOverdue: 3, recognitionOverdue: 0 });
    expect(summary.byState.find((s: { state: string }) => s.state === 'DRAFT').count).toBe(3);
    const rest = await http().get(`/api/v1/evaluation/cycles/${cycleId}`).set('authorization', `Bearer ${tokens.province}`);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ id: cycleId, publishedAt: null, summary: { selfAssessmentOverdue: 3 } });
    expect(rest.body.openedBy).toBeUndefined();
  });

  it('submitted late and approved: the flags follow the state; the cycle summary counts them', async () => {
    for (const [unit, token] of [[A, tokens.a], [B, tokens.b]] as const) {
      expect(codeOf(await t.gql(step('saveSelfAssessment', ', entries: $e', ', $e: JSON!'), { c: cycleId, u: unit, e: entries }, token))).toBeUndefined();
      const submitted = await t.gql(step('submitAssessment'), { c: cycleId, u: unit }, token);
      expect(submitted.data.submitAssessment.overdue).toEqual({ selfAssessmentOverdue: false, reviewOverdue: true, recognitionOverdue: false });
      const approved = await t.gql(step('approveAssessment'), { c: cycleId, u: unit }, tokens.province);
      expect(approved.data.approveAssessment).toEqual({ state: 'APPROVED', overdue: { selfAssessmentOverdue: false, reviewOverdue: false, recognitionOverdue: false } });
    }
    const summary = (await t.gql(SUMMARY, { id: cycleId }, tokens.province)).data.cycle.summary;
    expect(summary).toMatchObject({ selfAssessmentOverdue: 1, reviewOverdue: 1, recognitionOverdue: 0 });
  });

  it('before publication a commune officer sees only their own assessment: rankings and other results answer coded errors', async () => {
    expect(codeOf(await t.gql(RANKINGS, { c: cycleId, p: PROVINCE }, tokens.a))).toBe('RESULTS_NOT_PUBLISHED');
    expect(codeOf(await t.gql(ASSESSMENT, { c: cycleId, u: B }, tokens.a))).toBe('ASSESSMENT_NOT_FOUND');
    const csv = await http().get(`/api/v1/evaluation/cycles/${cycleId}/rankings.csv?provinceCode=${PROVINCE}`).set('authorization', `Bearer ${tokens.a}`);
    expect([csv.status, csv.headers['content-type'], csv.body.code]).toEqual([403, expect.stringContaining('application/problem+json'), 'RESULTS_NOT_PUBLISHED']);
    expect(codeOf(await t.gql(PUBLISH, { c: cycleId }, tokens.province))).toBe('RESULTS_NOT_READY'); // approved, not yet recognised
    expect((await t.gql(RANKINGS, { c: cycleId, p: PROVINCE }, tokens.province)).data.rankings.totalCount).toBe(2);
    const RANK = `query ($c: ID!, $u: UnitCode!) { assessment(cycleId: $c, unitCode: $u) { standingInProvince { rank } } }`;
    expect((await t.gql(RANK, { c: cycleId, u: A }, tokens.a)).data.assessment.standingInProvince.rank).toBeNull(); // not before publication
    expect((await t.gql(RANK, { c: cycleId, u: A }, tokens.province)).data.assessment.standingInProvince.rank).toEqual(expect.any(Number));
  });

  it('the province publishes after recognition; then its communes see the rankings and each other\'s results (read only); recognition late after January is flagged', async () => {
    now = new Date('2027-01-15T03:00:00Z');
    for (const unit of [A, B]) expect((await t.gql(step('recognise'), { c: cycleId, u: unit }, tokens.leader)).data.recognise.state).toBe('RECOGNISED');
    expect(codeOf(await t.gql(PUBLISH, { c: cycleId }, tokens.a))).toMatch(/FORBIDDEN|ROLE_NOT_ALLOWED|OUT_OF_UNIT_SCOPE/);
    expect(codeOf(await t.gql(PUBLISH, { c: cycleId }, tokens.otherProvince))).toBe('OUT_OF_UNIT_SCOPE');
    const published = await t.gql(PUBLISH, { c: cycleId }, tokens.province);
    expect(published.errors).toBeUndefined();
    expect(published.data.publishResults.publishedAt).toBe('2027-01-15T03:00:00.000Z');
    expect(codeOf(await t.gql(PUBLISH, { c: cycleId }, tokens.province))).toBe('RESULTS_ALREADY_PUBLISHED');
    const seen = await t.gql(RANKINGS, { c: cycleId, p: PROVINCE }, tokens.a);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.rankings.edges.map((e: { node: { unitCode: string } }) => e.node.unitCode).sort()).toEqual([A, B]);
    expect((await t.gql(ASSESSMENT, { c: cycleId, u: B }, tokens.a)).data.assessment.state).toBe('RECOGNISED');
    expect(codeOf(await t.gql(step('saveSelfAssessment', ', entries: $e', ', $e: JSON!'), { c: cycleId, u: C, e: entries }, tokens.a))).toBe('ASSESSMENT_NOT_FOUND');
    expect(codeOf(await t.gql(RANKINGS, { c: cycleId, p: PROVINCE }, tokens.hcm))).toBe('OUT_OF_UNIT_SCOPE');
    now = new Date('2027-02-01T03:00:00Z');
    const late = (await t.gql(ASSESSMENT, { c: cycleId, u: C }, tokens.province)).data.assessment.overdue;
    expect(late).toEqual({ selfAssessmentOverdue: true, reviewOverdue: true, recognitionOverdue: true });
    expect((await t.gql(SUMMARY, { id: cycleId }, tokens.a)).data.cycle.summary).toMatchObject({ recognitionOverdue: 1 });
  });

  it('shows the rank within the province and the change against the previous year\'s approved result', async () => {
    const previousCycle = randomUUID();
    await t.db.query(`INSERT INTO evaluation_cycle (id, year, province_code, scorecard_code, scorecard_version, unit_codes, opened_by) VALUES ($1, 2025, $2, $3, 1, $4, 'test')`, [previousCycle, PROVINCE, QD766.code, [A]]);
    await t.db.query(`INSERT INTO assessment (cycle_id, unit_code, province_code, year, state, total, level_code, body) VALUES ($1, $2, $3, 2025, 'RECOGNISED', 80, 'GOOD', '{}')`, [previousCycle, A, PROVINCE]);
    const Q = `query ($c: ID!, $u: UnitCode!) { assessment(cycleId: $c, unitCode: $u) { reviewed { total } standingInProvince { rank previousYearTotal previousYearLevelCode changeAgainstPreviousYear } } }`;
    const ranked = (await t.gql(RANKINGS, { c: cycleId, p: PROVINCE }, tokens.province)).data.rankings.edges.map((e: { node: { rank: number; unitCode: string } }) => e.node);
    const mine = (await t.gql(Q, { c: cycleId, u: A }, tokens.a)).data.assessment;
    expect(mine.standingInProvince).toEqual({
      rank: ranked.find((r: { unitCode: string }) => r.unitCode === A).rank, previousYearTotal: 80, previousYearLevelCode: 'GOOD',
      changeAgainstPreviousYear: Math.round((mine.reviewed.total - 80) * 100) / 100,
    });
    const draft = (await t.gql(Q, { c: cycleId, u: C }, tokens.province)).data.assessment.standingInProvince;
    expect(draft).toEqual({ rank: null, previousYearTotal: null, previousYearLevelCode: null, changeAgainstPreviousYear: null });
  });

  it('exports the ranking as CSV and XLSX with Vietnamese columns, and a commune\'s scorecard; authorization as for the data', async () => {
    const ranked = (await t.gql(RANKINGS, { c: cycleId, p: PROVINCE }, tokens.province)).data.rankings.edges.map((e: { node: { rank: number; unitCode: string; total: number } }) => e.node);
    const csv = await http().get(`/api/v1/evaluation/cycles/${cycleId}/rankings.csv?provinceCode=${PROVINCE}`).set('authorization', `Bearer ${tokens.province}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="xep-hang-2026-tinh-01-.*\.csv"$/);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Hạng,Mã xã,Tên xã,Tổng điểm,Mức đạt,Mã mức,Trạng thái');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual(ranked.map((r: { rank: number; unitCode: string }) => [String(r.rank), r.unitCode]));
    expect(lines[1]).toContain('Đã công nhận');
    expect(lines.join('\n')).toMatch(/Phường Ba Đình|Phường Ngọc Hà/);

    const xlsx = await http().get(`/api/v1/evaluation/cycles/${cycleId}/rankings.xlsx?provinceCode=${PROVINCE}`).set('authorization', `Bearer ${tokens.a}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200); // published: the commune reads it too
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((xlsx.body as Buffer) as unknown as ArrayBuffer as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Xếp hạng 2026');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Hạng', 'Mã xã', 'Tên xã', 'Tổng điểm', 'Mức đạt', 'Mã mức', 'Trạng thái']);
    expect(sheet.actualRowCount).toBe(1 + ranked.length);
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(2).value, sheet.getRow(2).getCell(4).value]).toEqual([ranked[0].rank, ranked[0].unitCode, ranked[0].total]);

    const card = await http().get(`/api/v1/evaluation/cycles/${cycleId}/assessments/${A}/scorecard.xlsx`).set('authorization', `Bearer ${tokens.a}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(card.status).toBe(200);
    const cardBook = new ExcelJS.Workbook();
    await cardBook.xlsx.load((card.body as Buffer) as unknown as ArrayBuffer as never);
    const cardSheet = cardBook.worksheets[0];
    expect(cardSheet.getRow(1).getCell(12).value).toBe('Điểm tự đánh giá');
    expect(cardSheet.actualRowCount).toBe(1 + indicatorsOf(QD766).length + QD766.groups.length + 3);
    const a = (await t.gql(ASSESSMENT, { c: cycleId, u: A }, tokens.a)).data.assessment;
    const totalRow = cardSheet.getRow(1 + indicatorsOf(QD766).length + QD766.groups.length + 1);
    expect([totalRow.getCell(2).value, totalRow.getCell(13).value]).toEqual(['Tổng cộng', a.reviewed.total]);
    const cardCsv = await http().get(`/api/v1/evaluation/cycles/${cycleId}/assessments/${A}/scorecard.csv`).set('authorization', `Bearer ${tokens.province}`);
    expect(cardCsv.status).toBe(200);
    expect(cardCsv.text.split('\r\n')[0]).toContain('Mã chỉ số,Chỉ số,Loại');

    const foreign = await http().get(`/api/v1/evaluation/cycles/${cycleId}/assessments/${A}/scorecard.csv`).set('authorization', `Bearer ${tokens.hcm}`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'ASSESSMENT_NOT_FOUND']);
    const outside = await http().get(`/api/v1/evaluation/cycles/${cycleId}/rankings.xlsx?provinceCode=${PROVINCE}`).set('authorization', `Bearer ${tokens.otherProvince}`);
    expect([outside.status, outside.body.code]).toEqual([403, 'OUT_OF_UNIT_SCOPE']);
    const bad = await http().get(`/api/v1/evaluation/cycles/${cycleId}/rankings.csv?provinceCode=hanoi`).set('authorization', `Bearer ${tokens.province}`);
    expect([bad.status, bad.body.code]).toEqual([400, 'BAD_USER_INPUT']);
    const anonymous = await http().get(`/api/v1/evaluation/cycles/${cycleId}/rankings.csv?provinceCode=${PROVINCE}`);
    expect(anonymous.status).toBe(401);
  });

  it('ADMIN sets a province\'s targets as data (GraphQL and REST); the target report answers share reached vs required', async () => {
    const SET = `mutation ($p: String!, $s: String!, $y: JSON!) { setProvinceTargets(provinceCode: $p, scorecardCode: $s, years: $y) { provinceCode scorecardCode years } }`;
    const years = [{ fromYear: 2026, toYear: 2030, requirements: [
      { code: 'ANY', titleVi: 'Đạt chuẩn', titleEn: 'Meets the standard', minLevelRank: 1, minPercent: 50, minCount: null },
    ] }];
    expect(codeOf(await t.gql(SET, { p: PROVINCE, s: QD766.code, y: years }, tokens.province))).toMatch(/FORBIDDEN|ROLE_NOT_ALLOWED/);
    expect(codeOf(await t.gql(SET, { p: PROVINCE, s: QD766.code, y: [...years, { ...years[0], fromYear: 2028, toYear: 2031 }] }, tokens.admin))).toBe('TARGETS_INVALID');
    expect(codeOf(await t.gql(SET, { p: PROVINCE, s: QD766.code, y: 'lots' }, tokens.admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(SET, { p: PROVINCE, s: 'NO-SUCH-CARD', y: years }, tokens.admin))).toBe('SCORECARD_NOT_FOUND');
    const set = await t.gql(SET, { p: PROVINCE, s: QD766.code, y: years }, tokens.admin);
    expect(set.errors).toBeUndefined();
    const REPORT = `query ($p: String!, $y: Int!) { targetReport(provinceCode: $p, year: $y) { unitsInScope hasTargets allMet requirements { code reachedCount reachedShare requiredCount met } } }`;
    const report = (await t.gql(REPORT, { p: PROVINCE, y: 2026 }, tokens.province)).data.targetReport;
    expect(report).toMatchObject({ unitsInScope: 3, hasTargets: true, requirements: [{ code: 'ANY', requiredCount: 2 }] });
    const replaced = await http().put(`/api/v1/evaluation/provinces/${PROVINCE}/targets/${QD766.code}`).set('authorization', `Bearer ${tokens.admin}`)
      .send({ years: [{ ...years[0], requirements: [{ ...years[0].requirements[0], minPercent: 100 }] }] });
    expect(replaced.status).toBe(200);
    const rest = await http().get(`/api/v1/evaluation/target-report?provinceCode=${PROVINCE}&year=2026`).set('authorization', `Bearer ${tokens.province}`);
    expect(rest.body.requirements[0]).toMatchObject({ requiredCount: 3, met: false });
    const refused = await http().put(`/api/v1/evaluation/provinces/${PROVINCE}/targets/${QD766.code}`).set('authorization', `Bearer ${tokens.province}`).send({ years });
    expect(refused.status).toBe(403);
  });

  it('a merged commune\'s history is the sum of its predecessors\' counts before the merger (successor links; divided ones stay apart)', async () => {
    // 2025-07-01: 00004 (kept its code) and 00013 merged whole into 00004 Phường Ba Đình; part of 00016 went to it (divided).
    const at = (day: string) => `${day}T09:00:00+07:00`;
    await send([
      dossierReceivedAt('M-1', '00004', 'ONLINE', at('2025-06-10')),
      dossierResolvedAt('M-1', '00004', at('2025-06-12'), 'ON_TIME'),
      dossierReceivedAt('M-2', '00013', 'DIRECT', at('2025-06-10')),
      dossierReceivedAt('M-3', '00013', 'ONLINE', at('2025-06-11')),
      dossierResolvedAt('M-2', '00013', at('2025-06-20'), 'LATE'),
      dossierResolvedAt('M-3', '00013', at('2025-06-21'), 'ON_TIME'),
      dossierReceivedAt('M-4', '00016', 'DIRECT', at('2025-06-10')),
      dossierReceivedAt('M-5', '00004', 'DIRECT', at('2025-07-05')),
      dossierReceivedAt('M-6', '00013', 'DIRECT', at('2025-07-06')), // an old code after the merger is not the successor's
    ]);
    const VALUES = `query ($u: UnitCode!, $f: Date!, $t: Date!) { indicatorValues(unitCode: $u, from: $f, to: $t) { totals { metric total } } }`;
    const totals = async (unit: string, from: string, to: string) =>
      Object.fromEntries((await t.gql(VALUES, { u: unit, f: from, t: to }, tokens.admin)).data.indicatorValues.totals.map((m: { metric: string; total: number }) => [m.metric, m.total]));
    const merged = await totals('00004', '2025-06-01', '2025-07-31');
    expect(merged).toMatchObject({ [METRIC.dossierReceived]: 1 + 2 + 1, [METRIC.dossierReceivedOnline]: 2, [METRIC.dossierResolved]: 3, [METRIC.dossierResolvedOnTime]: 2, [METRIC.dossierResolvedLate]: 1 });
    // on-time rate = Σ numerators / Σ denominators = 2/3, not the mean of 1/1 and 1/2
    expect(merged[METRIC.dossierResolvedOnTime] / merged[METRIC.dossierResolved]).toBeCloseTo(2 / 3);
    expect((await totals('00013', '2025-06-01', '2025-07-31'))[METRIC.dossierReceived]).toBe(3);
  });
});
