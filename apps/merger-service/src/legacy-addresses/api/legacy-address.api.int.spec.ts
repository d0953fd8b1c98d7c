/**
 * resolveLegacyAddress (GraphQL) and the REST batch through merger-service, on the real registry.
 */
import request from 'supertest';
import { type MergerTestApp, startMergerTestApp } from '../../../test/merger-test-app';
import { readAdminUnitFiles } from '../../units/infrastructure/csv-source';

jest.setTimeout(180_000);

/** Real legacy addresses (commune, district, province names of data/admin-units), 2025-06-30. */
function realAddresses(count: number): { ward: string; district: string; province: string }[] {
  const { legacy } = readAdminUnitFiles();
  const names = new Map(legacy.map((r) => [r.code, r]));
  return legacy
    .filter((r) => r.level === 'commune')
    .slice(0, count)
    .map((c) => {
      const d = names.get(c.parent_code)!;
      return { ward: c.name, district: d.name, province: names.get(d.parent_code)!.name };
    });
}

describe('legacy addresses API', () => {
  let merger: MergerTestApp;

  beforeAll(async () => {
    merger = await startMergerTestApp({ database: 'merger_legacy_addr', importIfEmpty: true });
  });

  afterAll(async () => {
    await merger?.close();
  });

  it('resolveLegacyAddress answers the legacy unit, its current unit(s) and how it matched', async () => {
    const { data, errors } = await merger.gql(`{
      one: resolveLegacyAddress(ward: "P. Ben Nghe", district: "Q1", province: "TP HCM") {
        status reason asOf candidates { match matchByLevel { commune district province } divided
          commune { code name validTo } district { code name } province { code } current { code name validFrom active } }
      }
      divided: resolveLegacyAddress(ward: "Cống Vị", district: "Ba Đình") { status candidates { divided current { code } } }
      ambiguous: resolveLegacyAddress(ward: "Tân Định") { status candidates { commune { code } } }
      none: resolveLegacyAddress(ward: "Không Có") { status reason candidates { match } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.one).toEqual({
      status: 'RESOLVED',
      reason: null,
      asOf: '2025-06-30',
      candidates: [
        {
          match: 'ALIAS',
          matchByLevel: { commune: 'ABBREVIATED', district: 'ABBREVIATED', province: 'ALIAS' },
          divided: false,
          commune: { code: '26740', name: 'Phường Bến Nghé', validTo: '2025-06-30' },
          district: { code: '760', name: 'Quận 1' },
          province: { code: '79' },
          current: [{ code: '26740', name: 'Phường Sài Gòn', validFrom: '2025-07-01', active: true }],
        },
      ],
    });
    expect(data!.divided).toEqual({ status: 'RESOLVED', candidates: [{ divided: true, current: [{ code: '00008' }, { code: '00025' }] }] });
    expect(data!.ambiguous.status).toBe('AMBIGUOUS');
    expect(data!.ambiguous.candidates).toHaveLength(3);
    expect(data!.none).toEqual({ status: 'NOT_FOUND', reason: 'WARD_NOT_FOUND', candidates: [] });
    const bad = await merger.gql(`{ resolveLegacyAddress(ward: "x", asOf: "2025-02-30") { status } }`);
    expect(bad.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|INVALID_ADDRESS|VALIDATION_FAILED/);
  });

  it('resolves 1,000 real addresses in one REST call (a body over 100 kB), refuses 1,001 with a coded 400', async () => {
    const addresses = realAddresses(1_000).map((a, i) => ({ id: `row-${i}`, ...a, asOf: '2025-06-30' }));
    expect(JSON.stringify({ addresses }).length).toBeGreaterThan(100_000);
    const res = await request(merger.app.getHttpServer()).post('/api/v1/administrative-units/resolve-legacy-addresses').send({ addresses });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1_000);
    expect(res.body.counts.notFound).toBe(0);
    expect(res.body.counts.resolved).toBe(1_000);
    expect(res.body.results[3]).toMatchObject({ index: 3, id: 'row-3', status: 'RESOLVED', candidates: [{ match: 'EXACT' }] });

    const tooMany = await request(merger.app.getHttpServer())
      .post('/api/v1/administrative-units/resolve-legacy-addresses')
      .send({ addresses: [...addresses, addresses[0]].map(({ ward }) => ({ ward })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('TOO_MANY_ADDRESSES');
    const badItem = await request(merger.app.getHttpServer()).post('/api/v1/administrative-units/resolve-legacy-addresses').send({ addresses: [{ ward: 5 }] });
    expect(badItem.status).toBe(400);
    expect(badItem.body.code).toBe('INVALID_ADDRESS');
    const notArray = await request(merger.app.getHttpServer()).post('/api/v1/administrative-units/resolve-legacy-addresses').send({ addresses: 'x' });
    expect(notArray.status).toBe(400);
  });
});
