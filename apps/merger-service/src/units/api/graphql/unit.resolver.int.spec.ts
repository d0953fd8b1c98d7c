import type { INestApplication } from '@nestjs/common';
import { InProcessTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { type MergerTestApp, startMergerTestApp } from '../../../../test/merger-test-app';

jest.setTimeout(120_000);

const SECRET = 'merger-spec-secret-merger-spec-secret-0123';

describe('merger-service GraphQL and REST', () => {
  let merger: MergerTestApp;
  let app: INestApplication;
  const delivered: { type: string; aggregateId: string; unitCode: string | null; payload: unknown }[] = [];

  beforeAll(async () => {
    // importIfEmpty: the same path `npm start` takes on an empty database.
    merger = await startMergerTestApp({ database: 'merger_api', importIfEmpty: true, secret: SECRET });
    app = merger.app;
    // A replica-keeping consumer elsewhere, on the same bus.
    await new InProcessTransport(merger.bus).subscribe('replica-spec', ['xaso.merger.events.v1'], async (message) => {
      delivered.push(JSON.parse(message.value!));
    });
  });

  afterAll(async () => {
    await merger?.close();
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) => merger.gql(query, variables, token);

  it('answers administrativeUnit by code and date, with nested fields for that date', async () => {
    const { data, errors } = await gql(`{
      old: administrativeUnit(code: "00004", asOf: "2024-05-01") {
        code name level type validFrom validTo active divided
        parent { code name level active parent { code name } }
        successors { code name validFrom active }
      }
      now: administrativeUnit(code: "00004") {
        name validFrom validTo active
        parent { code name validFrom }
        predecessors { code name }
      }
      missing: administrativeUnit(code: "99999")
    }`.replace('missing: administrativeUnit(code: "99999")', 'missing: administrativeUnit(code: "99999") { code }'));
    expect(errors).toBeUndefined();
    expect(data!.old).toEqual({
      code: '00004', name: 'Phường Trúc Bạch', level: 'COMMUNE', type: 'Phường', validFrom: '1900-01-01', validTo: '2025-06-30',
      active: true, divided: false,
      parent: { code: '001', name: 'Quận Ba Đình', level: 'DISTRICT', active: true, parent: { code: '01', name: 'Thành phố Hà Nội' } },
      successors: [{ code: '00004', name: 'Phường Ba Đình', validFrom: '2025-07-01', active: false }],
    });
    expect(data!.now).toMatchObject({ name: 'Phường Ba Đình', validFrom: '2025-07-01', validTo: null, active: true });
    expect(data!.now.parent).toEqual({ code: '01', name: 'Thành phố Hà Nội', validFrom: '2025-07-01' });
    expect(data!.now.predecessors.map((p: { name: string }) => p.name)).toContain('Phường Trúc Bạch');
    expect(data!.missing).toBeNull();
  });

  it('lists units with Relay connections, accent-insensitive search and children', async () => {
    const { data, errors } = await gql(`{
      administrativeUnits(search: "ba dinh", level: COMMUNE, first: 5) {
        totalCount edges { cursor node { code name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
      hanoi: administrativeUnit(code: "01") {
        children(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { code level } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.administrativeUnits.edges.map((e: { node: { name: string } }) => e.node.name)).toContain('Phường Ba Đình');
    expect(data!.administrativeUnits.pageInfo.hasPreviousPage).toBe(false);
    expect(data!.hanoi.children.totalCount).toBe(126); // Hà Nội: 126 communes and wards since 2025-07-01
    expect(data!.hanoi.children.edges).toHaveLength(2);
    expect(data!.hanoi.children.pageInfo.hasNextPage).toBe(true);

    const next = await gql(`query($after: String) { administrativeUnit(code: "01") { children(first: 2, after: $after) {
      totalCount pageInfo { hasPreviousPage } edges { node { code } } } } }`, { after: data!.hanoi.children.pageInfo.endCursor });
    const codes = next.data!.administrativeUnit.children.edges.map((e: { node: { code: string } }) => e.node.code);
    expect(codes).toHaveLength(2);
    expect(codes[0] > data!.hanoi.children.edges[1].node.code).toBe(true);
    expect(next.data!.administrativeUnit.children.pageInfo.hasPreviousPage).toBe(true);

    const legacyDistricts = await gql(`{ administrativeUnits(parentCode: "01", asOf: "2024-05-01", level: DISTRICT) { totalCount } }`);
    expect(legacyDistricts.data!.administrativeUnits.totalCount).toBe(30);
  });

  it('resolves currentUnitsFor for kept, renamed, divided and island-district codes', async () => {
    const { data, errors } = await gql(`{
      kept: currentUnitsFor(code: "00004", asOf: "2025-08-01") { code name active }
      renamed: currentUnitsFor(code: "00004", asOf: "2024-05-01") { code name }
      divided: currentUnitsFor(code: "00007", asOf: "2024-05-01") { code }
      island: currentUnitsFor(code: "318", asOf: "2024-05-01") { code type }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.kept).toEqual([{ code: '00004', name: 'Phường Ba Đình', active: true }]);
    expect(data!.renamed).toEqual([{ code: '00004', name: 'Phường Ba Đình' }]);
    expect(data!.divided.length).toBeGreaterThanOrEqual(2);
    expect(data!.island).toEqual([{ code: '11948', type: 'Đặc khu' }]);
  });

  it('is a federation subgraph: @key in the SDL and _entities by (code, validFrom)', async () => {
    const sdl = await gql(`{ _service { sdl } }`);
    expect(sdl.data!._service.sdl).toMatch(/type AdministrativeUnit\s+@key\(fields: "code validFrom"\)/);
    const entities = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { code name validTo } } }`,
      {
        r: [
          { __typename: 'AdministrativeUnit', code: '00004', validFrom: '1900-01-01' },
          { __typename: 'AdministrativeUnit', code: '00004', validFrom: '2025-07-01' },
          { __typename: 'AdministrativeUnit', code: '15', validFrom: '2025-07-01' },
        ],
      },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([
      { code: '00004', name: 'Phường Trúc Bạch', validTo: '2025-06-30' },
      { code: '00004', name: 'Phường Ba Đình', validTo: null },
      { code: '15', name: 'Tỉnh Lào Cai', validTo: null },
    ]);
  });

  it('batches nested fields: a page of 20 with parent, children and links takes a bounded number of queries', async () => {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const { data, errors } = await gql(`{
        administrativeUnits(level: COMMUNE, asOf: "2024-05-01", first: 20) {
          edges { node { code active divided parent { code name } children { totalCount edges { node { code } } }
            successors { code } predecessors { code } } }
        }
      }`);
      expect(errors).toBeUndefined();
      expect(data!.administrativeUnits.edges).toHaveLength(20);
      // list, parents, children, successors (+divided), predecessors
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(5); // the spy does see the queries
      expect(spy.mock.calls.length).toBeLessThanOrEqual(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects bad input with BAD_USER_INPUT', async () => {
    const badCode = await gql(`{ administrativeUnit(code: "abc") { code } }`);
    expect(badCode.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(badCode.errors![0].extensions.messageVi).toBeTruthy();
    const badDate = await gql(`query($d: Date) { administrativeUnit(code: "00004", asOf: $d) { code } }`, { d: '2024-02-30' });
    expect(badDate.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    // Written into the query text, a bad literal fails validation, as GraphQL specifies.
    const badLiteral = await gql(`{ administrativeUnit(code: "00004", asOf: "2024-13-01") { code } }`);
    expect(badLiteral.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badLevel = await gql(`query($l: UnitLevel) { administrativeUnits(level: $l) { totalCount } }`, { l: 'HAMLET' });
    expect(badLevel.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const badFirst = await gql(`{ administrativeUnits(first: 1000) { totalCount } }`);
    expect(badFirst.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const badCursor = await gql(`{ administrativeUnits(after: "nonsense") { totalCount } }`);
    expect(badCursor.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  describe('createVillage', () => {
    const mutation = `mutation($c: ID!, $n: String!, $t: String!) {
      createVillage(communeCode: $c, name: $n, type: $t) { code name level type validFrom active parent { code name validFrom } }
    }`;

    it('lets an officer of the commune create a village under it', async () => {
      const officer = await merger.tokens.officer('00004');
      const { data, errors } = await gql(mutation, { c: '00004', n: 'Tổ dân phố số 1', t: 'Tổ dân phố' }, officer);
      expect(errors).toBeUndefined();
      expect(data!.createVillage).toMatchObject({
        code: '00004-001', name: 'Tổ dân phố số 1', level: 'VILLAGE', type: 'Tổ dân phố', active: true,
        parent: { code: '00004', name: 'Phường Ba Đình', validFrom: '2025-07-01' },
      });
      const children = await gql(`{ administrativeUnit(code: "00004") { children(level: VILLAGE) { totalCount edges { node { code name } } } } }`);
      expect(children.data!.administrativeUnit.children.edges).toEqual([{ node: { code: '00004-001', name: 'Tổ dân phố số 1' } }]);
      const byCode = await gql(`{ administrativeUnit(code: "00004-001") { name parent { code } } }`);
      expect(byCode.data!.administrativeUnit).toEqual({ name: 'Tổ dân phố số 1', parent: { code: '00004' } });
      // Announced through the outbox and relayed to xaso.merger.events.v1.
      const expected = {
        type: 'village.created',
        aggregateId: `00004-001@${data!.createVillage.validFrom}`,
        unitCode: '00004',
        payload: {
          code: '00004-001', validFrom: data!.createVillage.validFrom, name: 'Tổ dân phố số 1', type: 'Tổ dân phố',
          commune: { code: '00004', validFrom: '2025-07-01' },
        },
      };
      await waitUntil('village.created and the replica upsert of 00004-001', () =>
        delivered.some((e) => e.type === 'village.created') && delivered.some((e) => e.unitCode === '00004-001'), 5_000).catch(() => undefined);
      expect(delivered).toContainEqual(expect.objectContaining(expected));
      // Replicas get the village as a unit too.
      expect(delivered).toContainEqual(
        expect.objectContaining({
          type: 'admin-units.upserted',
          unitCode: '00004-001',
          payload: {
            units: [{
              code: '00004-001', validFrom: data!.createVillage.validFrom, validTo: null, name: 'Tổ dân phố số 1', level: 'VILLAGE',
              type: 'Tổ dân phố', parent: { code: '00004', validFrom: '2025-07-01' },
            }],
          },
        }),
      );
    });

    it('refuses an officer of another commune, a citizen and an anonymous caller', async () => {
      const otherOfficer = await merger.tokens.officer('00008');
      const citizen = await merger.tokens.citizen();
      const vars = { c: '00004', n: 'Thôn Lạ', t: 'Thôn' };
      expect((await gql(mutation, vars, otherOfficer)).errors![0].extensions.code).toBe('OUT_OF_UNIT_SCOPE');
      expect((await gql(mutation, vars, citizen)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await gql(mutation, vars)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      const count = await gql(`{ administrativeUnit(code: "00004") { children(level: VILLAGE) { totalCount } } }`);
      expect(count.data!.administrativeUnit.children.totalCount).toBe(1);
      const events = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = 'village.created'`);
      expect(events[0].n).toBe(1);
    });

    it('checks the type and the commune', async () => {
      const admin = await merger.tokens.admin();
      expect((await gql(mutation, { c: '00004', n: 'X', t: 'Xã' }, admin)).errors![0].extensions.code).toBe('BAD_USER_INPUT');
      // The shared unit rule, over the registry: 99999 never named a unit; 00007 (Cống Vị) was divided on 2025-07-01.
      expect((await gql(mutation, { c: '99999', n: 'X', t: 'Thôn' }, admin)).errors![0].extensions).toMatchObject({
        code: 'UNKNOWN_UNIT', details: { field: 'communeCode', unitCode: '99999' },
      });
      expect((await gql(mutation, { c: '00007', n: 'X', t: 'Thôn' }, admin)).errors![0].extensions).toMatchObject({
        code: 'UNIT_ABOLISHED', details: { field: 'communeCode', successors: [{ code: '00008', name: 'Phường Ngọc Hà' }, { code: '00025', name: 'Phường Giảng Võ' }] },
      });
      // A province is not a commune.
      expect((await gql(mutation, { c: '01', n: 'X', t: 'Thôn' }, admin)).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('takes an abolished commune’s code to its single successor (00001 Phúc Xá → 00097 Hồng Hà), for its officers only', async () => {
      const officer97 = await merger.tokens.officer('00097');
      const officer1 = await merger.tokens.officer('00001');
      expect((await gql(mutation, { c: '00001', n: 'Tổ dân phố số 3', t: 'Tổ dân phố' }, officer1)).errors![0].extensions.code).toBe('OUT_OF_UNIT_SCOPE');
      const { data, errors } = await gql(mutation, { c: '00001', n: 'Tổ dân phố số 3', t: 'Tổ dân phố' }, officer97);
      expect(errors).toBeUndefined();
      expect(data!.createVillage).toMatchObject({ code: '00097-001', parent: { code: '00097', name: 'Phường Hồng Hà' } });
    });

    it('numbers villages without collisions under concurrency', async () => {
      const leader = await merger.tokens.leader('00008');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => gql(mutation, { c: '00008', n: `Thôn ${i + 1}`, t: 'Thôn' }, leader)),
      );
      const codes = results.map((r) => r.data!.createVillage.code).sort();
      expect(codes).toEqual(Array.from({ length: 8 }, (_, i) => `00008-00${i + 1}`));
    });
  });

  describe('REST', () => {
    it('serves units by code and date, lists them, and maps errors to problem+json', async () => {
      const server = app.getHttpServer();
      const old = await request(server).get('/api/v1/administrative-units/00004?asOf=2024-05-01').expect(200);
      expect(old.body).toMatchObject({ code: '00004', name: 'Phường Trúc Bạch', active: true, parent: { code: '001' } });
      const list = await request(server).get('/api/v1/administrative-units?search=ba%20dinh&level=COMMUNE&first=5').expect(200);
      expect(list.body.items.map((unit: { name: string }) => unit.name)).toContain('Phường Ba Đình');
      expect(list.body).toMatchObject({ pageInfo: { hasNextPage: expect.any(Boolean) }, totalCount: expect.any(Number) });
      const next = await request(server).get(`/api/v1/administrative-units?level=PROVINCE&first=20&after=${encodeURIComponent(
        (await request(server).get('/api/v1/administrative-units?level=PROVINCE&first=20').expect(200)).body.pageInfo.endCursor)}`).expect(200);
      expect(next.body).toMatchObject({ totalCount: 34, pageInfo: { hasNextPage: false } });
      expect(next.body.items).toHaveLength(14);
      const missing = await request(server).get('/api/v1/administrative-units/99999').expect(404);
      expect(missing.headers['content-type']).toMatch(/problem\+json/);
      await request(server).get('/api/v1/administrative-units/abc').expect(400);
      await request(server).get('/api/v1/administrative-units?level=HAMLET').expect(400);
      const badDate = await request(server).get('/api/v1/administrative-units/00004?asOf=2024-02-30').expect(400);
      expect(badDate.body.code ?? badDate.body.type).toBeTruthy();
    });

    it('publishes its OpenAPI document at /openapi.json', async () => {
      const doc = await request(app.getHttpServer()).get('/openapi.json').expect(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/api/v1/administrative-units', '/api/v1/administrative-units/{code}']),
      );
    });
  });
});
