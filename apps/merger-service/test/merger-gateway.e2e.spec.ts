import type { INestApplication } from '@nestjs/common';
import { fetchGraphQL } from '@xaso/testing';
import { resolve } from 'node:path';
import { readAdminUnitFiles } from '../src/units/infrastructure/csv-source';
import { type MergerTestApp, startMergerTestApp } from './merger-test-app';

jest.setTimeout(300_000);

/**
 * Rearrangement plans and legacy addresses through the real gateway (federated /graphql and the
 * REST facade), on real PostgreSQL with the real units: the 2025 plan loaded, a province's plan
 * built over REST and validated over GraphQL, legacy addresses one by one and 1,000 per call.
 */
type StartGateway = (options: { port: number; host?: string; subgraphs: { name: string; url: string }[]; logger?: false }) => Promise<INestApplication>;
const { startGateway } = require(resolve(__dirname, '..', '..', 'gateway', 'src', 'bootstrap.ts')) as { startGateway: StartGateway };

const SECRET = 'merger-gateway-spec-secret-merger-gateway-01';

describe('merger migration features through the gateway', () => {
  let merger: MergerTestApp;
  let gateway: INestApplication;
  let base: string;
  const saved = process.env.AUTH_DEV_SECRET;

  beforeAll(async () => {
    process.env.AUTH_DEV_SECRET = SECRET;
    merger = await startMergerTestApp({ database: 'merger_gateway', importIfEmpty: true, secret: SECRET });
    await merger.app.listen(0, '127.0.0.1');
    const serviceUrl = (await merger.app.getUrl()).replace('[::1]', '127.0.0.1');
    gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'merger', url: `${serviceUrl}/graphql` }], logger: false });
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await gateway?.close();
    await merger?.close();
    if (saved === undefined) delete process.env.AUTH_DEV_SECRET;
    else process.env.AUTH_DEV_SECRET = saved;
  });

  const gql = (query: string, token?: string, variables: Record<string, unknown> = {}) => fetchGraphQL<any>(base, query, variables, token);
  const rest = (path: string, body: unknown, token?: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

  it('loads the 2025 plan (APPLIED as imported history) and lists it', async () => {
    const admin = await merger.tokens.admin();
    const loaded = await gql(`mutation { loadRearrangementPlan2025 { plan { id status imported entryCount effectiveDate legalBasis { resolutionNumber } } report { valid alreadyInRegistry moves dividedMoves } } }`, admin);
    expect(loaded.errors).toBeUndefined();
    expect(loaded.data.loadRearrangementPlan2025.plan).toMatchObject({ status: 'APPLIED', imported: true, entryCount: 4_517, effectiveDate: '2025-07-01' });
    expect(loaded.data.loadRearrangementPlan2025.report).toMatchObject({ valid: true, alreadyInRegistry: true });
    const listed = await gql(`{ rearrangementPlans(status: APPLIED) { totalCount edges { node { id } } } }`, admin);
    expect(listed.data.rearrangementPlans.edges[0].node.id).toBe(loaded.data.loadRearrangementPlan2025.plan.id);
    const refused = await gql(`mutation { loadRearrangementPlan2025 { plan { id } } }`, await merger.tokens.provinceOfficer('01'));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a province build a plan over REST and validate it over GraphQL', async () => {
    const hanoi = await merger.tokens.provinceOfficer('01');
    const created = await rest('/api/v1/rearrangements', { resolutionNumber: '12/2026/NQ-UBTVQH15', resolutionDate: '2026-05-01', effectiveDate: '2026-09-01' }, hanoi);
    expect(created.status).toBe(201);
    const plan = (await created.json()) as { id: string; provinceCode: string; status: string };
    expect(plan).toMatchObject({ provinceCode: '01', status: 'DRAFT' });
    const entry = await rest(`/api/v1/rearrangements/${plan.id}/entries`, { kind: 'MERGE', sources: ['00004', '00008'], target: { code: '00004', name: 'Phường Ba Đình', type: 'Phường', parentCode: '01' } }, hanoi);
    expect(entry.status).toBe(201);
    const clash = await rest(`/api/v1/rearrangements/${plan.id}/entries`, { kind: 'RENAME', code: '00025', name: 'X', newCode: '00070' }, hanoi);
    expect(clash.status).toBe(422);
    expect(((await clash.json()) as { code: string }).code).toBe('TARGET_CODE_CLASH');
    const validated = await gql(`mutation($id: ID!) { validatePlan(id: $id) { plan { status } report { moves } } }`, hanoi, { id: plan.id });
    expect(validated.errors).toBeUndefined();
    expect(validated.data.validatePlan).toEqual({ plan: { status: 'VALIDATED' }, report: { moves: 1 } });
    const other = await rest(`/api/v1/rearrangements/${plan.id}/schedule`, {}, await merger.tokens.provinceOfficer('79'));
    expect(other.status).toBe(403);
  });

  it('resolves legacy addresses one by one over GraphQL and 1,000 per call over REST', async () => {
    const one = await gql(`{ resolveLegacyAddress(ward: "f.ben nghe", district: "Q.1", province: "Hồ Chí Minh") { status candidates { commune { code } current { code name } divided } } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data.resolveLegacyAddress).toEqual({ status: 'RESOLVED', candidates: [{ commune: { code: '26740' }, current: [{ code: '26740', name: 'Phường Sài Gòn' }], divided: false }] });

    const { legacy } = readAdminUnitFiles();
    const byCode = new Map(legacy.map((r) => [r.code, r]));
    const addresses = legacy
      .filter((r) => r.level === 'commune')
      .slice(5_000, 6_000)
      .map((c, i) => ({ id: `r${i}`, ward: c.name, district: byCode.get(c.parent_code)!.name, province: byCode.get(byCode.get(c.parent_code)!.parent_code)!.name, asOf: '2025-06-30' }));
    expect(JSON.stringify({ addresses }).length).toBeGreaterThan(100_000);
    const batch = await rest('/api/v1/administrative-units/resolve-legacy-addresses', { addresses });
    expect(batch.status).toBe(200);
    const body = (await batch.json()) as { results: unknown[]; counts: { resolved: number; notFound: number } };
    expect(body.results).toHaveLength(1_000);
    expect(body.counts.notFound).toBe(0);
    const tooMany = await rest('/api/v1/administrative-units/resolve-legacy-addresses', { addresses: [...addresses, addresses[0]] });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { code: string }).code).toBe('TOO_MANY_ADDRESSES');
  });
});
