import { Role } from '@xaso/auth';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HAI_DUONG_FRIENDLY_GOVERNMENT, SEED_SCORECARDS } from '../src/scorecards/domain/seed';
import { startEvaluationTestApp, type EvaluationTestApp } from './evaluation-test-app';

const SECRET = 'evaluation-scorecards-secret';
const FIELDS = 'code version titleVi scope provinceCode fromYear toYear totalPoints inUse definition';
const PUBLISH = `mutation ($definition: JSON!) { publishScorecardVersion(definition: $definition) { ${FIELDS} } }`;
const SCORECARD = `query ($code: String!, $version: Int!) { scorecard(code: $code, version: $version) { ${FIELDS} } }`;

describe('evaluation-service: scorecards as versioned data (real PostgreSQL)', () => {
  let t: EvaluationTestApp;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    t = await startEvaluationTestApp({ database: 'eval_scorecards', secret: SECRET, consumerGroup: 'evaluation-scorecards' });
    admin = await t.token('admin', Role.ADMIN);
    officer = await t.token('officer', Role.PROVINCE_OFFICER, '30');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists the seeds and reads one version with its whole definition', async () => {
    const list = await t.gql(`{ scorecards { code version totalPoints inUse } }`, {}, officer);
    expect(list.errors).toBeUndefined();
    expect(list.data.scorecards).toHaveLength(SEED_SCORECARDS.length);
    const one = await t.gql(SCORECARD, { code: HAI_DUONG_FRIENDLY_GOVERNMENT.code, version: 1 }, officer);
    expect(one.data.scorecard).toMatchObject({ code: HAI_DUONG_FRIENDLY_GOVERNMENT.code, scope: 'PROVINCE', provinceCode: '30', totalPoints: 100, inUse: false });
    expect(one.data.scorecard.definition).toEqual(JSON.parse(JSON.stringify(HAI_DUONG_FRIENDLY_GOVERNMENT)));
    const missing = await t.gql(SCORECARD, { code: HAI_DUONG_FRIENDLY_GOVERNMENT.code, version: 99 }, officer);
    expect(missing.errors?.[0]?.extensions?.code).toBe('SCORECARD_NOT_FOUND');
  });

  it('publishes: the same content is a no-op, the next version is created, a wrong total or a skipped number is refused with its code', async () => {
    const same = await t.gql(PUBLISH, { definition: HAI_DUONG_FRIENDLY_GOVERNMENT }, admin);
    expect(same.errors).toBeUndefined();
    const next = { ...HAI_DUONG_FRIENDLY_GOVERNMENT, version: 2, validYears: { fromYear: 2027, toYear: null } };
    const created = await t.gql(PUBLISH, { definition: next }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.publishScorecardVersion).toMatchObject({ version: 2, fromYear: 2027, toYear: null });
    const wrongTotal = await t.gql(PUBLISH, { definition: { ...next, version: 3, totalPoints: 90 } }, admin);
    expect(wrongTotal.errors?.[0]?.extensions?.code).toBe('SCORECARD_TOTAL_MISMATCH');
    const skipped = await t.gql(PUBLISH, { definition: { ...next, version: 5 } }, admin);
    expect(skipped.errors?.[0]?.extensions?.code).toBe('SCORECARD_VERSION_NOT_NEXT');
    const overlapping = HAI_DUONG_FRIENDLY_GOVERNMENT.bands.map((b, i) => (i === 1 ? { ...b, min: b.min - 2 } : b)); // level 2 from 83: inside level 1
    const overlap = await t.gql(PUBLISH, { definition: { ...next, version: 3, bands: overlapping } }, admin);
    expect(overlap.errors?.[0]?.extensions?.code).toBe('SCORECARD_BANDS_OVERLAP');
    const junk = await t.gql(PUBLISH, { definition: { code: 'X', groups: 'none' } }, admin);
    expect(junk.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a version used by a cycle is frozen; only administrators publish', async () => {
    await t.db.query(
      `INSERT INTO evaluation_cycle (id, year, province_code, scorecard_code, scorecard_version, unit_codes, opened_by) VALUES ($1, 2026, '30', $2, 1, '{}', 'test')`,
      [randomUUID(), HAI_DUONG_FRIENDLY_GOVERNMENT.code],
    );
    const changed = { ...HAI_DUONG_FRIENDLY_GOVERNMENT, titleEn: 'Changed after use' };
    const frozen = await t.gql(PUBLISH, { definition: changed }, admin);
    expect(frozen.errors?.[0]?.extensions?.code).toBe('SCORECARD_VERSION_FROZEN');
    const one = await t.gql(SCORECARD, { code: HAI_DUONG_FRIENDLY_GOVERNMENT.code, version: 1 }, officer);
    expect(one.data.scorecard.inUse).toBe(true);
    expect(one.data.scorecard.definition.titleEn).toBe(HAI_DUONG_FRIENDLY_GOVERNMENT.titleEn);
    const notAdmin = await t.gql(PUBLISH, { definition: { ...HAI_DUONG_FRIENDLY_GOVERNMENT, version: 3 } }, officer);
    expect(notAdmin.data).toBeNull();
    expect(notAdmin.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|ROLE_NOT_ALLOWED/);
  });

  it('REST for agencies under /api/v1/evaluation, problem+json for bad input', async () => {
    const http = () => request(t.app.getHttpServer());
    const list = await http().get('/api/v1/evaluation/scorecards').set('authorization', `Bearer ${officer}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { code: string; version: number }) => `${s.code}@${s.version}`)).toContain(`${HAI_DUONG_FRIENDLY_GOVERNMENT.code}@1`);
    const one = await http().get(`/api/v1/evaluation/scorecards/${HAI_DUONG_FRIENDLY_GOVERNMENT.code}/1`).set('authorization', `Bearer ${officer}`);
    expect(one.body).toMatchObject({ code: HAI_DUONG_FRIENDLY_GOVERNMENT.code, version: 1, totalPoints: 100 });
    const bad = await http().get(`/api/v1/evaluation/scorecards/${HAI_DUONG_FRIENDLY_GOVERNMENT.code}/zero`).set('authorization', `Bearer ${officer}`);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const missing = await http().get(`/api/v1/evaluation/scorecards/${HAI_DUONG_FRIENDLY_GOVERNMENT.code}/99`).set('authorization', `Bearer ${officer}`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('SCORECARD_NOT_FOUND');
    expect(missing.body.detail_vi).toBeTruthy();
  });
});
