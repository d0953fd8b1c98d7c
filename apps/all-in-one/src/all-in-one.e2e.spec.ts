import { PostgresTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import { Client } from 'pg';
import type { AllInOne } from './all-in-one';
import { startTestPlatform, TEST_SERVICES, type TestPlatform } from './test/test-platform';

const SERVICES = TEST_SERVICES;

/**
 * The whole back end in one process (each service in its own worker thread) against the test
 * PostgreSQL server (not embedded, to stay fast), exercised only through the gateway over HTTP,
 * the way a front end or an agency would. Events between the services go through the bus
 * database (no KAFKA_BROKERS for the launcher), as with `npm start`.
 */
describe('all-in-one through the gateway', () => {
  let system: AllInOne;
  let base: string;
  let databases: TestPlatform['databases'];
  let startMs = 0;

  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ database: 'aio' });
    ({ system, base, databases, startMs } = platform);
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
  });

  const token = async (claims: Record<string, unknown>) => {
    const response = await fetch(`${base}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(claims),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  const gql = async (query: string, bearer?: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  };

  it('started every service in its own worker thread, with its own database, and reports the phases', () => {
    expect(system.services.map((s) => s.name)).toEqual(SERVICES);
    expect(system.failed).toEqual([]);
    expect(new Set(system.services.map((s) => s.threadId)).size).toBe(SERVICES.length);
    expect(system.embedded).toBe(false);
    expect(system.eventBusUrl).toBe(databases.bus.url);
    expect(Object.keys(system.timings)).toEqual(expect.arrayContaining(['services', 'gateway', ...SERVICES.map((s) => `service:${s}`)]));
    console.log(`all-in-one started in ${startMs} ms: ${JSON.stringify(system.timings)}`);
  });

  it('was ready only once dossier’s and petition’s admin-unit replicas held every unit merger announced', async () => {
    // Right after startAllInOne resolved (this runs first after the start): no waiting here.
    for (const service of ['dossier', 'petition']) {
      const db = new Client({ connectionString: databases[service].url });
      await db.connect();
      try {
        const [replica] = (await db.query('SELECT (SELECT count(*)::int FROM admin_unit_replica) AS units, (SELECT announced_units FROM admin_unit_replica_state) AS announced')).rows;
        expect({ service, ...replica }).toEqual({ service, units: 14149, announced: 14149 });
      } finally {
        await db.end();
      }
    }
    expect(system.timings.ready).toEqual(expect.any(Number));
  });

  it('answers a code together with a date: 00004 was Phường Trúc Bạch, is Phường Ba Đình', async () => {
    const { body } = await gql(`{
      then: administrativeUnit(code: "00004", asOf: "2024-05-01") { name }
      now: administrativeUnit(code: "00004") { name }
      currentUnitsFor(code: "00004", asOf: "2024-05-01") { code name }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.then.name).toBe('Phường Trúc Bạch');
    expect(body.data.now.name).toBe('Phường Ba Đình');
    expect(body.data.currentUnitsFor).toEqual(expect.arrayContaining([expect.objectContaining({ code: '00004', name: 'Phường Ba Đình' })]));
  });

  it('lets an officer of 00004 create a village there, and refuses an officer of another commune', async () => {
    const mutation = 'mutation($name: String!) { createVillage(communeCode: "00004", name: $name, type: "Tổ dân phố") { code name } }';
    const own = await gql(mutation, await token({ role: 'OFFICER', unitCode: '00004' }), { name: `Tổ dân phố số ${Date.now() % 100000}` });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.createVillage.name).toMatch(/^Tổ dân phố số/);

    const other = await gql(mutation, await token({ role: 'OFFICER', unitCode: '00007' }), { name: 'Tổ dân phố số 99' });
    expect(['FORBIDDEN', 'OUT_OF_UNIT_SCOPE']).toContain(other.body.errors?.[0].extensions.code);

    const anonymous = await gql(mutation, undefined, { name: 'Tổ dân phố số 98' });
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses operations that are too deep or too costly with QUERY_TOO_COMPLEX', async () => {
    const deep = await gql(`{ administrativeUnit(code: "00004") { ${'parent { '.repeat(13)}name${' }'.repeat(13)} } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const costly = await gql('{ administrativeUnits(first: 100) { edges { node { children(first: 100) { edges { node { name code } } } } } } }');
    expect(costly.status).toBe(400);
    expect(costly.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a bad token with UNAUTHENTICATED', async () => {
    const { status, body } = await gql('{ administrativeUnit(code: "00004") { name } }', 'not-a-token');
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('serves the REST API through the facade and one OpenAPI document with the paths of all three services', async () => {
    const unit = await fetch(`${base}/api/v1/administrative-units/00004?asOf=2024-05-01`);
    expect(unit.status).toBe(200);
    expect(await unit.json()).toMatchObject({ code: '00004', name: 'Phường Trúc Bạch' });
    const missing = await fetch(`${base}/api/v1/administrative-units/99999`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');

    const document = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/administrative-units', '/api/v1/administrative-units/{code}', '/api/v1/dossiers', '/api/v1/petitions']));
    expect(paths.some((p) => p.startsWith('/api/v1/procedures'))).toBe(true);

    const procedures = await fetch(`${base}/api/v1/procedures?limit=2`);
    expect(procedures.status).toBe(200);
  });

  it('serves the procedure catalogue of dossier-service', async () => {
    const { body } = await gql('{ procedures(first: 3) { edges { node { code name } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.procedures.edges).toHaveLength(3);
    expect(body.data.procedures.edges[0].node.code).toEqual(expect.any(String));
  });

  it('fills dossier-service’s admin-unit replica from merger’s events over the bus before it is ready: province scope and OUTSIDE_PROVINCE', async () => {
    // The 15 admin-units.upserted chunks of the import reach dossier-service's consumer in another
    // thread; startAllInOne resolved only once every service was ready, so the whole registry is
    // there already (no polling).
    const dossierDb = new Client({ connectionString: databases.dossier.url });
    const busDb = new Client({ connectionString: databases.bus.url });
    await Promise.all([dossierDb.connect(), busDb.connect()]);
    try {
      const [replica] = (await dossierDb.query('SELECT (SELECT count(*)::int FROM admin_unit_replica) AS units, (SELECT announced_units FROM admin_unit_replica_state) AS announced')).rows;
      expect(replica.announced).toBe(14149);
      expect(replica.units).toBeGreaterThanOrEqual(14149);
      const units = replica.units;
      const [{ sent }] = (await busDb.query(`SELECT min(created_at) AS sent FROM bus_message WHERE topic = 'xaso.merger.events.v1'`)).rows;
      const [{ filled }] = (await dossierDb.query(`SELECT max(processed_at) AS filled FROM inbox`)).rows;
      console.log(`dossier replica: ${units} units, filled ${new Date(filled).getTime() - new Date(sent).getTime()} ms after merger's first event reached the bus`);
    } finally {
      await Promise.all([dossierDb.end(), busDb.end()]);
    }
    const citizen = await token({ role: 'CITIZEN', sub: 'aio-replica', idNumber: '001090005678', name: 'Trần Thị Bình' });
    const submit = (receivingUnitCode: string, competentUnitCode: string) =>
      gql('mutation($input: SubmitDossierInput!) { submitDossier(input: $input) { code } }', citizen, {
        input: {
          procedureCode: 'HT.010', receivingUnitCode, competentUnitCode, channel: 'ONLINE',
          applicant: { fullName: 'Trần Thị Bình', idNumber: '001090005678', phone: '0912345679', email: 'binh@example.vn', address: 'Tổ 2' },
          formData: { purpose: 'Xây nhà ở' },
          attachments: [{ name: 'don.pdf', mediaType: 'application/pdf', size: 1024, sha256: 'b'.repeat(64) }],
        },
      });
    // 00025 (Giảng Võ) may receive for 00004 (Ba Đình): both in Hà Nội; 25747 (Thủ Dầu Một, HCMC) may not.
    const accepted = await submit('00025', '00004');
    expect(accepted.body.errors).toBeUndefined();
    expect((await submit('25747', '00004')).body.errors?.[0].extensions.code).toBe('OUTSIDE_PROVINCE');
    const code = accepted.body.data.submitDossier.code;
    const query = `{ dossiers(first: 100) { edges { node { code } } } }`;
    const seen01 = await gql(query, await token({ role: 'PROVINCE_OFFICER', sub: 'aio-po-01', unitCode: '01' }));
    expect(seen01.body.errors).toBeUndefined();
    expect(seen01.body.data.dossiers.edges.map((e: any) => e.node.code)).toContain(code);
    const seen79 = await gql(query, await token({ role: 'PROVINCE_OFFICER', sub: 'aio-po-79', unitCode: '79' }));
    expect(seen79.body.data.dossiers.edges.map((e: any) => e.node.code)).not.toContain(code);
  }, 45_000);

  it('takes a citizen’s dossier and tracks it publicly', async () => {
    const citizen = await token({ role: 'CITIZEN', sub: 'aio-citizen', idNumber: '001090001234', name: 'Nguyễn Văn An' });
    const submitted = await gql(
      'mutation($input: SubmitDossierInput!) { submitDossier(input: $input) { code status receivingUnitCode } }',
      citizen,
      {
        input: {
          procedureCode: 'HT.010',
          receivingUnitCode: '00004',
          channel: 'ONLINE',
          applicant: { fullName: 'Nguyễn Văn An', idNumber: '001090001234', phone: '0912345678', email: 'an@example.vn', address: 'Thôn 1' },
          formData: { purpose: 'Xây nhà ở' },
          attachments: [{ name: 'don.pdf', mediaType: 'application/pdf', size: 1024, sha256: 'a'.repeat(64) }],
        },
      },
    );
    expect(submitted.body.errors).toBeUndefined();
    const { code } = submitted.body.data.submitDossier;
    expect(code).toMatch(/-\d{6}-\d{4}$/);

    const tracked = await gql(`{ trackDossier(code: "${code}", idNumberLast4: "1234") { code status procedureName history { status action } } }`);
    expect(tracked.body.errors).toBeUndefined();
    expect(tracked.body.data.trackDossier).toMatchObject({ code, status: submitted.body.data.submitDossier.status });
    expect(tracked.body.data.trackDossier.history.length).toBeGreaterThan(0);
    const wrong = await gql(`{ trackDossier(code: "${code}", idNumberLast4: "0000") { code } }`);
    expect(wrong.body.data.trackDossier).toBeNull();
  });

  it('takes a petition and tracks it with its secret', async () => {
    // Every unit a petition names must be in petition-service's replica (filled from the same events).
    const petitionDb = new Client({ connectionString: databases.petition.url });
    await petitionDb.connect();
    try {
      await waitUntil('petition-service’s replica', async () => (await petitionDb.query('SELECT count(*)::int AS n FROM admin_unit_replica')).rows[0].n >= 14149);
    } finally {
      await petitionDb.end();
    }
    const citizen = await token({ role: 'CITIZEN', sub: 'aio-petitioner', idNumber: '001090000111', name: 'Phạm Văn Công Dân' });
    const submitted = await gql(
      'mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { trackingSecret petition { code kind status } } }',
      citizen,
      { input: { unitCode: '00004', kind: 'COMPLAINT', channel: 'ONLINE', title: 'Khiếu nại thu hồi đất', content: 'Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND' } },
    );
    expect(submitted.body.errors).toBeUndefined();
    const { trackingSecret, petition } = submitted.body.data.submitPetition;
    expect(petition).toMatchObject({ kind: 'COMPLAINT', status: 'RECEIVED' });

    const tracked = await gql(`{ trackPetition(code: "${petition.code}", trackingSecret: "${trackingSecret}") { code kind status acceptanceDue } }`);
    expect(tracked.body.errors).toBeUndefined();
    expect(tracked.body.data.trackPetition).toMatchObject({ code: petition.code, kind: 'COMPLAINT', status: 'RECEIVED' });
  });

  it('answers one federated query over the three subgraphs for an officer of 00004', async () => {
    const officer = await token({ role: 'OFFICER', sub: 'aio-officer', unitCode: '00004' });
    // Statistics are per Vietnamese day (UTC+7): after 17:00 UTC today's dossiers count for tomorrow's UTC date.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const { body } = await gql(
      `{ administrativeUnit(code: "00004") {
          name
          dossierStatistics(from: "2025-07-01", to: "${today}") { unitCode received { total } }
          petitionStatistics(from: "2025-07-01", to: "${today}") { unitCode received }
        } }`,
      officer,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.administrativeUnit.name).toBe('Phường Ba Đình');
    expect(body.data.administrativeUnit.dossierStatistics.received.total).toBeGreaterThanOrEqual(1);
    expect(body.data.administrativeUnit.petitionStatistics.received).toBeGreaterThanOrEqual(1);
  });

  it('carries events between the worker threads through the bus database', async () => {
    // Every service's outbox relay published to the one bus (merger: the units import; dossier and
    // petition: the submissions above), and dossier-service's consumer group, in another thread,
    // read and acknowledged merger's events.
    const bus = new PostgresTransport({ url: databases.bus.url });
    const db = new Client({ connectionString: databases.bus.url });
    await db.connect();
    try {
      let topics: string[] = [];
      let lag = -1;
      await waitUntil('every topic on the bus and dossier-service caught up on merger events', async () => {
        topics = (await db.query<{ topic: string }>('SELECT DISTINCT topic FROM bus_message ORDER BY topic')).rows.map((r) => r.topic);
        lag = await bus.lag('dossier-service', 'xaso.merger.events.v1');
        return lag === 0 && topics.length >= 3;
      }, 15_000, 300).catch(() => undefined); // the expectations below say what is missing
      expect(topics).toEqual(expect.arrayContaining(['xaso.dossier.events.v1', 'xaso.merger.events.v1', 'xaso.petition.events.v1']));
      expect(lag).toBe(0);
    } finally {
      await db.end();
      await bus.stop();
    }
  }, 30_000);

  it('is ready (every subgraph up) and exposes metrics', async () => {
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: Object.fromEntries(SERVICES.map((name) => [`subgraph:${name}`, { status: 'up' }])),
    });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('xaso_http_request_duration_seconds');
  });
});
