/**
 * Plans through merger's GraphQL and REST (real PostgreSQL, real units): a province's plan for
 * 2026-07-01 — merge, rename, reclassify, divide — with coded errors, validation, scheduling,
 * authorization, keyset lists; then its registry step applied and reverted.
 */
import request from 'supertest';
import { type MergerTestApp, startMergerTestApp } from '../../../test/merger-test-app';
import { ApplyPlanToRegistry } from '../application/apply-plan-to-registry.use-case';
import { RearrangementPlanRepository } from '../application/rearrangement-plan.repository.port';
import { RevertPlanInRegistry } from '../application/revert-plan-in-registry.use-case';

jest.setTimeout(180_000);

const SECRET = 'merger-plan-spec-secret-0123456789abcdef';

describe('rearrangement plans API', () => {
  let merger: MergerTestApp;
  let hanoi: string;
  let admin: string;

  beforeAll(async () => {
    merger = await startMergerTestApp({ database: 'merger_plan_api', importIfEmpty: true, secret: SECRET });
    hanoi = await merger.tokens.provinceOfficer('01');
    admin = await merger.tokens.admin();
  });

  afterAll(async () => {
    await merger?.close();
  });

  const PLAN = `id status provinceCode entryCount imported legalBasis { resolutionNumber resolutionDate } effectiveDate`;
  const create = (token: string, provinceCode?: string) =>
    merger.gql(
      `mutation($input: CreateRearrangementPlanInput!) { createRearrangementPlan(input: $input) { ${PLAN} } }`,
      { input: { resolutionNumber: '99/2026/NQ-UBTVQH15', resolutionDate: '2026-05-20', effectiveDate: '2026-07-01', ...(provinceCode ? { provinceCode } : {}) } },
      token,
    );
  const add = (planId: string, entry: Record<string, unknown>, token = hanoi) =>
    merger.gql(`mutation($planId: ID!, $entry: PlanEntryInput!) { addPlanEntry(planId: $planId, entry: $entry) { plan { status entryCount } entry { index kind sources } } }`, { planId, entry }, token);

  it('lets only ADMIN and the province concerned create plans', async () => {
    const own = await create(hanoi);
    expect(own.errors).toBeUndefined();
    expect(own.data!.createRearrangementPlan).toMatchObject({ status: 'DRAFT', provinceCode: '01', entryCount: 0, imported: false });
    const other = await create(hanoi, '79');
    expect(other.errors?.[0].extensions?.code).toBe('PLAN_FORBIDDEN');
    const officer = await create(await merger.tokens.officer('00004'));
    expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const national = await create(admin);
    expect(national.data!.createRearrangementPlan.provinceCode).toBeNull();
    const bad = await merger.gql(
      `mutation { createRearrangementPlan(input: { resolutionNumber: "x", resolutionDate: "2026-08-01", effectiveDate: "2026-07-01" }) { id } }`,
      {},
      admin,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_PLAN_ENTRY');
  });

  it('builds, checks, validates and schedules a plan, answering each problem with its code', async () => {
    const planId = (await create(hanoi)).data!.createRearrangementPlan.id;
    const merge = await add(planId, {
      kind: 'MERGE',
      sources: ['00004', '00008'],
      target: { code: '00004', name: 'Phường Ba Đình', type: 'Phường', parentCode: '01' },
    });
    expect(merge.errors).toBeUndefined();
    expect(merge.data!.addPlanEntry).toEqual({ plan: { status: 'DRAFT', entryCount: 1 }, entry: { index: 0, kind: 'MERGE', sources: ['00004', '00008'] } });

    const notInForce = await add(planId, { kind: 'RENAME', code: '00001', name: 'Phường Không Còn' });
    expect(notInForce.errors?.[0].extensions?.code).toBe('SOURCE_NOT_IN_FORCE');
    const clash = await add(planId, { kind: 'RENAME', code: '00025', name: 'Phường Giảng Võ Mới', newCode: '00070' });
    expect(clash.errors?.[0].extensions?.code).toBe('TARGET_CODE_CLASH');
    const twice = await add(planId, { kind: 'RENAME', code: '00008', name: 'Phường Ngọc Hà' });
    expect(twice.errors?.[0].extensions?.code).toBe('SOURCE_IN_SEVERAL_ENTRIES');
    const otherProvince = await add(planId, { kind: 'RENAME', code: '26734', name: 'Phường Thử' });
    expect(otherProvince.errors?.[0].extensions?.code).toMatch(/OUTSIDE_PLAN_PROVINCE|SOURCE_NOT_IN_FORCE/);
    const malformed = await add(planId, { kind: 'MERGE', sources: ['00025'] });
    expect(malformed.errors?.[0].extensions?.code).toBe('INVALID_PLAN_ENTRY');
    const badType = await add(planId, { kind: 'RECLASSIFY', code: '00376', type: 'Quận' });
    expect(badType.errors?.[0].extensions?.code).toBe('TYPE_NOT_OF_LEVEL');

    expect((await add(planId, { kind: 'RENAME', code: '00070', name: 'Phường Hồ Gươm', newCode: '00071' })).errors).toBeUndefined();
    expect((await add(planId, { kind: 'RECLASSIFY', code: '00376', type: 'Phường' })).errors).toBeUndefined();
    expect(
      (await add(planId, {
        kind: 'DIVIDE',
        source: '00382',
        parts: [{ code: '00382' , unit: { code: '00382', name: 'Xã Kim Anh', type: 'Xã', parentCode: '01' } }, { code: '00376' }],
      })).errors,
    ).toBeUndefined();

    const validated = await merger.gql(
      `mutation($id: ID!) { validatePlan(id: $id) { plan { status } report { valid alreadyInRegistry endedUnits createdUnits links moves dividedMoves } } }`,
      { id: planId },
      hanoi,
    );
    expect(validated.errors).toBeUndefined();
    expect(validated.data!.validatePlan).toEqual({
      plan: { status: 'VALIDATED' },
      report: { valid: true, alreadyInRegistry: false, endedUnits: 5, createdUnits: 4, links: 6, moves: 3, dividedMoves: 1 },
    });

    const scheduled = await request(merger.app.getHttpServer()).post(`/api/v1/rearrangements/${planId}/schedule`).set('Authorization', `Bearer ${hanoi}`);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.status).toBe('SCHEDULED');
    const again = await request(merger.app.getHttpServer()).post(`/api/v1/rearrangements/${planId}/schedule`).set('Authorization', `Bearer ${hanoi}`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PLAN_TRANSITION_NOT_ALLOWED');

    // The saga's first step, then its compensation.
    const plans = merger.app.get(RearrangementPlanRepository);
    await plans.setStatus(planId, 'SCHEDULED', 'APPLYING');
    const applied = await merger.app.get(ApplyPlanToRegistry).execute(planId);
    expect(applied).toMatchObject({ ended: 5, created: 4, links: 6, alreadyDone: false });
    const after = await merger.gql(`{
      merged: currentUnitsFor(code: "00008", asOf: "2026-06-30") { code name validFrom }
      renamed: administrativeUnit(code: "00071", asOf: "2026-07-01") { name predecessors { code name } }
      reclassified: administrativeUnit(code: "00376", asOf: "2026-07-01") { type name }
      divided: administrativeUnit(code: "00382", asOf: "2026-06-30") { divided successors { code } }
    }`);
    expect(after.errors).toBeUndefined();
    expect(after.data!.merged).toEqual([{ code: '00004', name: 'Phường Ba Đình', validFrom: '2026-07-01' }]);
    expect(after.data!.renamed).toEqual({ name: 'Phường Hồ Gươm', predecessors: [{ code: '00070', name: 'Phường Hoàn Kiếm' }] });
    expect(after.data!.reclassified).toEqual({ type: 'Phường', name: 'Xã Sóc Sơn' });
    expect(after.data!.divided.divided).toBe(true);
    expect(after.data!.divided.successors.map((s: { code: string }) => s.code).sort()).toEqual(['00376', '00382']);

    await plans.setStatus(planId, 'APPLYING', 'FAILED');
    expect(await merger.app.get(RevertPlanInRegistry).execute(planId)).toMatchObject({ created: 4, alreadyDone: false });
    const back = await merger.gql(`{ a: administrativeUnit(code: "00008", asOf: "2026-07-01") { name validTo } b: administrativeUnit(code: "00071", asOf: "2026-07-01") { name } }`);
    expect(back.data).toEqual({ a: { name: 'Phường Ngọc Hà', validTo: null }, b: null });
  });

  it('answers PLAN_INVALID with every problem, and lists plans newest first with keyset paging (GraphQL and REST)', async () => {
    const planId = (await create(hanoi)).data!.createRearrangementPlan.id;
    // Abolishing a commune whose village... none here: abolish a commune while a DIVIDE names an undefined part.
    await add(planId, { kind: 'DIVIDE', source: '00025', parts: [{ code: '00070' }, { code: '00099' }] });
    const invalid = await merger.gql(`mutation($id: ID!) { validatePlan(id: $id) { plan { status } } }`, { id: planId }, hanoi);
    expect(invalid.errors?.[0].extensions?.code).toBe('PLAN_INVALID');
    expect(invalid.errors?.[0].extensions?.details).toMatchObject({ codes: ['TARGET_NOT_DEFINED'] });

    const page1 = await merger.gql(`{ rearrangementPlans(first: 2, provinceCode: "01") { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, {}, hanoi);
    expect(page1.errors).toBeUndefined();
    const total = page1.data!.rearrangementPlans.totalCount;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(page1.data!.rearrangementPlans.edges[0].node.id).toBe(planId);
    const rest = await request(merger.app.getHttpServer())
      .get(`/api/v1/rearrangements?provinceCode=01&first=2&after=${encodeURIComponent(page1.data!.rearrangementPlans.pageInfo.endCursor)}`)
      .set('Authorization', `Bearer ${hanoi}`);
    expect(rest.status).toBe(200);
    expect(rest.body.totalCount).toBe(total);
    const seen = [...page1.data!.rearrangementPlans.edges.map((e: { node: { id: string } }) => e.node.id), ...rest.body.items.map((p: { id: string }) => p.id)];
    expect(new Set(seen).size).toBe(seen.length);

    const entries = await merger.gql(`query($id: ID!) { rearrangementPlan(id: $id) { entries(first: 5) { totalCount edges { node { index kind sources parts { code } } } } } }`, { id: planId }, hanoi);
    expect(entries.data!.rearrangementPlan.entries).toEqual({ totalCount: 1, edges: [{ node: { index: 0, kind: 'DIVIDE', sources: ['00025'], parts: [{ code: '00070' }, { code: '00099' }] } }] });
    const garbage = await request(merger.app.getHttpServer()).get('/api/v1/rearrangements/not-a-uuid').set('Authorization', `Bearer ${hanoi}`);
    expect(garbage.status).toBe(400);
    const citizen = await merger.gql(`{ rearrangementPlans { totalCount } }`, {}, await merger.tokens.citizen());
    expect(citizen.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
