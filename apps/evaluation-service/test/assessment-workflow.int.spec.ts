import { Role } from '@xaso/auth';
import { topicFor } from '@xaso/contracts';
import { InProcessTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import request from 'supertest';
import { enterableMaxPoints } from '../src/assessments/domain/evidence';
import { indicatorsOf } from '../src/scorecards/domain/scorecard';
import { DECISION_766_SERVICE_INDEX as QD766 } from '../src/scorecards/domain/seed';
import { startEvaluationTestApp, type EvaluationTestApp } from './evaluation-test-app';
import { dossierReceivedAt, dossierResolvedAt, petitionRatedAt } from './event-stream';

const SECRET = 'evaluation-workflow-secret';
/** Real communes of Hà Nội (01) since 2025-07-01. */
const PROVINCE = '01';
const A = '00004';
const B = '00008';

const FIELDS = `cycleId unitCode state manual measured reviews recognisedLevelCode
  self { total levelCode insufficientData } reviewed { total levelCode insufficientData } history { seq step from to actorId reason }`;
const ASSESSMENT = `query ($cycleId: ID!, $unitCode: UnitCode!) { assessment(cycleId: $cycleId, unitCode: $unitCode) { ${FIELDS} } }`;
const step = (name: string, extra = '', extraArgs = '') =>
  `mutation ($cycleId: ID!, $unitCode: UnitCode!${extraArgs}) { ${name}(cycleId: $cycleId, unitCode: $unitCode${extra}) { ${FIELDS} } }`;
const SAVE = step('saveSelfAssessment', ', entries: $entries', ', $entries: JSON!');
const SUBMIT = step('submitAssessment');
const REVIEW = step('reviewAssessment', ', entries: $entries', ', $entries: JSON!');
const RETURN = step('returnAssessment', ', reason: $reason', ', $reason: String!');
const APPROVE = step('approveAssessment');
const UNAPPROVE = step('unapproveAssessment', ', reason: $reason', ', $reason: String!');
const RECOGNISE = step('recognise');

const manualIndicators = indicatorsOf(QD766).filter((p) => enterableMaxPoints(p.indicator) > 0).map((p) => p.indicator);
const fullManual = Object.fromEntries(
  manualIndicators.map((i) => [i.code, { points: enterableMaxPoints(i), evidence: [{ kind: 'DOCUMENT', reference: `QĐ ${i.code}/UBND` }] }]),
);

describe('evaluation-service: the yearly workflow with authorization (real PostgreSQL)', () => {
  let t: EvaluationTestApp;
  let now = new Date('2026-12-01T03:00:00Z');
  let cycleId: string;
  let officerA: string;
  let officerB: string;
  let province: string;
  let otherProvince: string;
  let reviewerFromA: string;
  let leader: string;
  const vars = (unitCode = A, extra: Record<string, unknown> = {}) => ({ cycleId, unitCode, ...extra });
  const published: { type: string; aggregateId: string; payload: Record<string, unknown> }[] = [];
  const codeOf = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    t = await startEvaluationTestApp({ database: 'eval_workflow', secret: SECRET, consumerGroup: 'evaluation-workflow', clock: { now: () => now } });
    officerA = await t.token('officer-a', Role.OFFICER, A);
    officerB = await t.token('officer-b', Role.OFFICER, B);
    province = await t.token('province-01', Role.PROVINCE_OFFICER, PROVINCE);
    otherProvince = await t.token('province-79', Role.PROVINCE_OFFICER, '79');
    reviewerFromA = await t.token('both-a', [Role.OFFICER, Role.PROVINCE_OFFICER], A);
    leader = await t.token('chairman-01', Role.LEADER, PROVINCE);
    const events = [
      dossierReceivedAt('A-1', A, 'ONLINE', '2026-05-01T09:00:00+07:00'),
      dossierReceivedAt('A-2', A, 'DIRECT', '2026-05-01T10:00:00+07:00'),
      dossierResolvedAt('A-1', A, '2026-05-03T09:00:00+07:00', 'ON_TIME'),
      dossierResolvedAt('A-2', A, '2026-05-04T09:00:00+07:00', 'LATE'),
      petitionRatedAt('A-P1', A, '2026-06-01T09:00:00+07:00', 5),
      dossierReceivedAt('B-1', B, 'DIRECT', '2026-05-01T09:00:00+07:00'),
      dossierResolvedAt('B-1', B, '2026-05-03T09:00:00+07:00', 'ON_TIME'),
      petitionRatedAt('B-P1', B, '2026-06-01T09:00:00+07:00', 2),
    ];
    const transport = new InProcessTransport(t.bus);
    await transport.subscribe('evaluation-spec', [topicFor('evaluation')], async (message) => {
      published.push(JSON.parse(message.value!));
    });
    for (const e of events) await transport.send(e.topic, [e.message]);
    await t.consumed(events.map((e) => e.id));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the province opens a cycle on a scorecard version, which is then in use', async () => {
    const refused = await t.gql(`mutation ($input: OpenCycleInput!) { openCycle(input: $input) { id } }`,
      { input: { year: 2026, provinceCode: PROVINCE, scorecardCode: QD766.code, scorecardVersion: 1, unitCodes: [A, '79001'] } }, province);
    expect(codeOf(refused)).toBe('CYCLE_SCOPE_INVALID');
    const opened = await t.gql(`mutation ($input: OpenCycleInput!) { openCycle(input: $input) { id year unitCodes } }`,
      { input: { year: 2026, provinceCode: PROVINCE, scorecardCode: QD766.code, scorecardVersion: 1, unitCodes: [A, B] } }, province);
    expect(opened.errors).toBeUndefined();
    cycleId = opened.data.openCycle.id;
    expect(opened.data.openCycle.unitCodes).toEqual([A, B]);
    const scorecard = await t.gql(`{ scorecard(code: "${QD766.code}", version: 1) { inUse } }`, {}, province);
    expect(scorecard.data.scorecard.inUse).toBe(true);
    const cycle = await t.gql(`query ($id: ID!) { cycle(id: $id) { id provinceCode } }`, { id: cycleId }, officerA);
    expect(cycle.data.cycle.provinceCode).toBe(PROVINCE);
  });

  it('a commune officer sees and fills only their own assessment; bad scores are coded errors', async () => {
    expect((await t.gql(ASSESSMENT, vars(A), officerA)).data.assessment.state).toBe('DRAFT');
    expect(codeOf(await t.gql(ASSESSMENT, vars(A), officerB))).toBe('ASSESSMENT_NOT_FOUND');
    expect(codeOf(await t.gql(SAVE, vars(A, { entries: fullManual }), officerB))).toBe('ASSESSMENT_NOT_FOUND');
    const first = manualIndicators[0];
    const tooMuch = { [first.code]: { points: enterableMaxPoints(first) + 1, evidence: [{ kind: 'DOCUMENT', reference: 'x' }] } };
    expect(codeOf(await t.gql(SAVE, vars(A, { entries: tooMuch }), officerA))).toBe('SCORE_ABOVE_MAXIMUM');
    const noEvidence = { [first.code]: { points: 1, evidence: [] } };
    expect(codeOf(await t.gql(SAVE, vars(A, { entries: noEvidence }), officerA))).toBe('EVIDENCE_REQUIRED');
    expect(codeOf(await t.gql(SAVE, vars(A, { entries: { [first.code]: 'ten' } }), officerA))).toBe('BAD_USER_INPUT');
    const saved = await t.gql(SAVE, vars(A, { entries: fullManual }), officerA);
    expect(saved.errors).toBeUndefined();
    expect(Object.keys(saved.data.saveSelfAssessment.manual).sort()).toEqual(manualIndicators.map((i) => i.code).sort());
    expect(codeOf(await t.gql(APPROVE, vars(A), province))).toBe('ASSESSMENT_STEP_OUT_OF_ORDER');
  });

  it('submission freezes the COMPUTED values: later events do not change them', async () => {
    const submitted = await t.gql(SUBMIT, vars(A), officerA);
    expect(submitted.errors).toBeUndefined();
    const measured = submitted.data.submitAssessment.measured;
    const onTime = Object.values(measured as Record<string, { numerator: number; denominator: number | null }>).find((m) => m.denominator === 2);
    expect(onTime).toBeDefined();
    const late = dossierResolvedAt('A-3', A, '2026-12-01T09:00:00+07:00', 'LATE');
    await new InProcessTransport(t.bus).send(late.topic, [late.message]);
    await t.consumed([late.id]);
    expect((await t.gql(ASSESSMENT, vars(A), officerA)).data.assessment.measured).toEqual(measured);
  });

  it('the province reviews only its communes; a reviewer from the assessed commune is refused', async () => {
    const entry = { [manualIndicators[0].code]: { points: 0, comment: 'Không có văn bản chứng minh' } };
    expect(codeOf(await t.gql(REVIEW, vars(A, { entries: entry }), otherProvince))).toBe('ASSESSMENT_NOT_FOUND');
    expect(codeOf(await t.gql(REVIEW, vars(A, { entries: entry }), reviewerFromA))).toBe('REVIEWER_FROM_ASSESSED_UNIT');
    expect(codeOf(await t.gql(REVIEW, vars(A, { entries: entry }), officerA))).toBe('ASSESSMENT_FORBIDDEN');
    const reviewed = await t.gql(REVIEW, vars(A, { entries: entry }), province);
    expect(reviewed.errors).toBeUndefined();
    const a = reviewed.data.reviewAssessment;
    expect(a.state).toBe('UNDER_REVIEW');
    expect(a.reviewed.total).toBeCloseTo(a.self.total - enterableMaxPoints(manualIndicators[0]) * manualIndicators[0].weight);
  });

  it('return, resubmit, approve, unapprove with a reason, approve; recognition only by the province leader in January', async () => {
    expect(codeOf(await t.gql(RETURN, vars(A, { reason: '  ' }), province))).toBe('REASON_REQUIRED');
    expect((await t.gql(RETURN, vars(A, { reason: 'Bổ sung minh chứng' }), province)).data.returnAssessment.state).toBe('RETURNED');
    expect((await t.gql(SUBMIT, vars(A), officerA)).data.submitAssessment.state).toBe('SUBMITTED');
    expect((await t.gql(APPROVE, vars(A), province)).data.approveAssessment.state).toBe('APPROVED');
    expect(codeOf(await t.gql(UNAPPROVE, vars(A, { reason: '' }), province))).toBe('REASON_REQUIRED');
    expect((await t.gql(UNAPPROVE, vars(A, { reason: 'Sai sót số liệu' }), province)).data.unapproveAssessment.state).toBe('UNDER_REVIEW');
    expect((await t.gql(APPROVE, vars(A), province)).data.approveAssessment.state).toBe('APPROVED');
    expect(codeOf(await t.gql(RECOGNISE, vars(A), province))).toBe('ASSESSMENT_FORBIDDEN');
    expect(codeOf(await t.gql(RECOGNISE, vars(A), leader))).toBe('RECOGNITION_OUTSIDE_WINDOW');
    now = new Date('2027-01-15T03:00:00Z');
    const recognised = await t.gql(RECOGNISE, vars(A), leader);
    expect(recognised.errors).toBeUndefined();
    const a = recognised.data.recognise;
    expect(a.state).toBe('RECOGNISED');
    expect(a.recognisedLevelCode).toBe(a.reviewed.levelCode);
    const steps = a.history.map((h: { step: string }) => h.step);
    expect(steps).toEqual(['SAVE_SELF', 'SUBMIT', 'START_REVIEW', 'REVIEW', 'RETURN', 'REOPEN', 'SUBMIT', 'START_REVIEW', 'APPROVE', 'UNAPPROVE', 'APPROVE', 'RECOGNISE']);
    expect(a.history.find((h: { step: string }) => h.step === 'UNAPPROVE').reason).toBe('Sai sót số liệu');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM assessment_history WHERE cycle_id = $1 AND unit_code = $2`, [cycleId, A]);
    expect(n).toBe(steps.length);
  });

  it('ranks approved results by total with keyset pages; insufficient data and unapproved ones are not ranked; the target report counts levels', async () => {
    const half = Object.fromEntries(Object.entries(fullManual).map(([code, entry], i) => [code, i % 2 === 0 ? entry : null]));
    expect((await t.gql(SAVE, vars(B, { entries: half }), officerB)).errors).toBeUndefined();
    expect((await t.gql(SUBMIT, vars(B), officerB)).errors).toBeUndefined();
    const approvedB = await t.gql(APPROVE, vars(B), province);
    expect(approvedB.errors).toBeUndefined();
    const RANKINGS = `query ($cycleId: ID!, $provinceCode: String!, $first: Int, $after: String) {
      rankings(cycleId: $cycleId, provinceCode: $provinceCode, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { rank unitCode total levelCode } } } }`;
    const a = (await t.gql(ASSESSMENT, vars(A), province)).data.assessment;
    const b = approvedB.data.approveAssessment;
    const ranked = [a, b].filter((x) => !x.reviewed.insufficientData).sort((x, y) => y.reviewed.total - x.reviewed.total || (x.unitCode < y.unitCode ? -1 : 1));
    expect(ranked.map((x) => x.unitCode)).toEqual([A, B]); // B entered half the manual points
    const first = await t.gql(RANKINGS, { cycleId, provinceCode: PROVINCE, first: 1 }, province);
    expect(first.errors).toBeUndefined();
    expect(first.data.rankings.totalCount).toBe(ranked.length);
    const seen = [...first.data.rankings.edges];
    let page = first.data.rankings;
    while (page.pageInfo.hasNextPage) {
      page = (await t.gql(RANKINGS, { cycleId, provinceCode: PROVINCE, first: 1, after: page.pageInfo.endCursor }, province)).data.rankings;
      seen.push(...page.edges);
    }
    expect(seen.map((e: { node: { unitCode: string; total: number } }) => [e.node.unitCode, e.node.total])).toEqual(ranked.map((x) => [x.unitCode, x.reviewed.total]));
    const rest = await request(t.app.getHttpServer()).get(`/api/v1/evaluation/cycles/${cycleId}/rankings?provinceCode=${PROVINCE}&first=1`).set('authorization', `Bearer ${province}`);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, items: [{ rank: 1, unitCode: A }] });
    expect(codeOf(await t.gql(RANKINGS, { cycleId, provinceCode: PROVINCE }, officerA))).toBe('RESULTS_NOT_PUBLISHED'); // until the province publishes
    expect(codeOf(await t.gql(RANKINGS, { cycleId, provinceCode: PROVINCE }, otherProvince))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(await t.gql(RANKINGS, { cycleId, provinceCode: PROVINCE, after: 'nonsense' }, province))).toBe('BAD_USER_INPUT');

    const REPORT = `query ($p: String!, $y: Int!) { targetReport(provinceCode: $p, year: $y) { unitsInScope hasTargets allMet requirements { code reachedCount requiredCount met } } }`;
    expect(codeOf(await t.gql(REPORT, { p: PROVINCE, y: 2026 }, province))).toBe('TARGETS_NOT_FOUND');
    const targets = { provinceCode: PROVINCE, scorecardCode: QD766.code, years: [{ fromYear: 2026, toYear: 2030, requirements: [
      { code: 'FAIR_OR_BETTER', titleVi: 'Đạt Khá trở lên', titleEn: 'Fair or better', minLevelRank: 1, minPercent: 50, minCount: null },
      { code: 'GOOD', titleVi: 'Đạt Tốt', titleEn: 'Good', minLevelRank: 2, minPercent: null, minCount: 2 },
    ] }] };
    await t.db.query(`INSERT INTO province_target (province_code, scorecard_code, body) VALUES ($1, $2, $3::jsonb)`, [PROVINCE, QD766.code, JSON.stringify(targets)]);
    const report = (await t.gql(REPORT, { p: PROVINCE, y: 2026 }, province)).data.targetReport;
    const levelRank = (x: { reviewed: { levelCode: string | null; insufficientData: boolean } }) =>
      x.reviewed.insufficientData ? 0 : (QD766.bands.find((band) => band.code === x.reviewed.levelCode)?.rank ?? 0);
    expect(report.unitsInScope).toBe(2);
    expect(report.requirements.map((r: { reachedCount: number }) => r.reachedCount)).toEqual([
      [a, b].filter((x) => levelRank(x) >= 1).length,
      [a, b].filter((x) => levelRank(x) >= 2).length,
    ]);
    expect(report.requirements.map((r: { requiredCount: number }) => r.requiredCount)).toEqual([1, 2]);
  });

  it('extends AdministrativeUnit with the approved result of a year (federation entity)', async () => {
    const ENTITY = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on AdministrativeUnit { code evaluation(year: 2026) { cycleId state levelCode total } } } }`;
    const reps = (code: string) => [{ __typename: 'AdministrativeUnit', code, validFrom: '2025-07-01' }];
    const a = (await t.gql(ASSESSMENT, vars(A), province)).data.assessment;
    const own = await t.gql(ENTITY, { reps: reps(A) }, officerA);
    expect(own.errors).toBeUndefined();
    expect(own.data._entities[0].evaluation).toEqual({ cycleId, state: 'RECOGNISED', levelCode: a.recognisedLevelCode, total: a.reviewed.total });
    const byProvince = await t.gql(ENTITY, { reps: reps(A) }, province);
    expect(byProvince.data._entities[0].evaluation.state).toBe('RECOGNISED');
    const other = await t.gql(ENTITY, { reps: reps(A) }, officerB);
    expect(other.errors?.[0]?.extensions?.code).toBe('OUT_OF_UNIT_SCOPE');
  });

  it('publishes assessment.submitted / approved / recognised on xaso.evaluation.events.v1 through the outbox, without who acted', async () => {
    const ofA = () => published.filter((e) => e.aggregateId === `${cycleId}:${A}`);
    await waitUntil('the recognition event', () => ofA().some((e) => e.type === 'assessment.recognised'));
    expect(ofA().map((e) => e.type)).toEqual([
      'assessment.submitted', 'assessment.submitted', 'assessment.approved', 'assessment.approved', 'assessment.recognised',
    ]);
    const recognised = ofA().at(-1)!;
    const a = (await t.gql(ASSESSMENT, vars(A), province)).data.assessment;
    expect(recognised.payload).toMatchObject({ unitCode: A, provinceCode: PROVINCE, state: 'RECOGNISED', previousState: 'APPROVED', levelCode: a.recognisedLevelCode, total: a.reviewed.total });
    expect(JSON.stringify(published)).not.toMatch(/officer-a|province-01|chairman-01/);
  });
});
