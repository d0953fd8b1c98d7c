import request from 'supertest';
import { DataSource } from 'typeorm';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { insertDossierRow } from '../../../test/dossier-factory';
import { type DossierTestApp, type GqlResult, officer, startDossierTestApp } from '../../../test/dossier-test-app';

/**
 * Keyset paging of the dossier and procedure lists (GraphQL connections and REST lists): pages
 * follow each other without gaps or repeats, even with equal receipt instants and rows added
 * between two pages, and a bad cursor is a coded 400, never a 500.
 */
describe('dossier and procedure lists: keyset cursors (real PostgreSQL)', () => {
  let t: DossierTestApp;
  let token: string;
  const DOSSIERS = 25;
  // Five dossiers share each receipt instant, so the code breaks the ties.
  const receivedAt = (i: number) => new Date(Date.parse('2026-03-02T01:00:00Z') + Math.floor(i / 5) * 60_000);
  const codeOf = (i: number) => `${t.unitA}-260302-${String(i).padStart(4, '0')}`;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_paging', { consumeEvents: false, transport: new InProcessTransport(new InProcessBus()) });
    token = await t.token(officer(t.unitA));
    const db = t.app.get(DataSource);
    for (let i = 0; i < DOSSIERS; i++) {
      await insertDossierRow(db, { code: codeOf(i), unitCode: t.unitA, status: 'RECEIVED', receivedAt: receivedAt(i) });
    }
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());
  /** Newest first: by receipt instant, then code, both descending. */
  const expectedOrder = () =>
    Array.from({ length: DOSSIERS }, (_, i) => i)
      .sort((a, b) => receivedAt(b).getTime() - receivedAt(a).getTime() || codeOf(b).localeCompare(codeOf(a)))
      .map(codeOf);

  it('pages the GraphQL connection newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors }: GqlResult<any> = await t.gql<any>(
        token,
        `query ($after: String) { dossiers(first: 7, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { code } } } }`,
        { after },
      );
      expect(errors).toBeUndefined();
      const connection: any = data!.dossiers;
      expect(connection.totalCount).toBe(DOSSIERS);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...connection.edges.map((e: { node: { code: string } }) => e.node.code));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(expectedOrder());
  });

  it('pages the REST list in the one shape {items, pageInfo, totalCount} with ?first=&after=', async () => {
    const first = await http().get('/api/v1/dossiers?first=10').set('authorization', `Bearer ${token}`).expect(200);
    expect(Object.keys(first.body).sort()).toEqual(['items', 'pageInfo', 'totalCount']);
    expect(first.body.totalCount).toBe(DOSSIERS);
    expect(first.body.pageInfo.hasNextPage).toBe(true);
    // A dossier received later (newer than every page) does not shift the next page.
    await insertDossierRow(t.app.get(DataSource), { code: `${t.unitA}-260303-9999`, unitCode: t.unitA, status: 'RECEIVED', receivedAt: new Date('2026-03-03T01:00:00Z') });
    const second = await http()
      .get(`/api/v1/dossiers?first=10&after=${encodeURIComponent(first.body.pageInfo.endCursor)}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(second.body.totalCount).toBe(DOSSIERS + 1);
    const codes = [...first.body.items, ...second.body.items].map((d: { code: string }) => d.code);
    expect(codes).toEqual(expectedOrder().slice(0, 20));
  });

  it('refuses a malformed or foreign cursor with a coded 400', async () => {
    const foreign = Buffer.from(JSON.stringify({ k: ['not a date', 'X'] })).toString('base64url');
    for (const after of ['garbage', foreign]) {
      const rest = await http().get(`/api/v1/dossiers?after=${encodeURIComponent(after)}`).set('authorization', `Bearer ${token}`).expect(400);
      expect(rest.headers['content-type']).toContain('application/problem+json');
      const gql = await t.gql<any>(token, `query ($after: String) { dossiers(after: $after) { totalCount } }`, { after });
      expect(gql.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('pages the procedure catalogue by field then code, in GraphQL and REST alike', async () => {
    const all = await t.gql<any>(null, `{ procedures(first: 100) { totalCount edges { node { code field } } } }`);
    const expected = all.data!.procedures.edges.map((e: { node: { code: string } }) => e.node.code);
    expect(expected.length).toBe(all.data!.procedures.totalCount);
    expect(expected.length).toBeGreaterThan(4);

    const viaGraphQL: string[] = [];
    let after: string | null = null;
    do {
      const { data }: GqlResult<any> = await t.gql<any>(null, `query ($after: String) { procedures(first: 4, after: $after) { pageInfo { hasNextPage endCursor } edges { node { code } } } }`, { after });
      viaGraphQL.push(...data!.procedures.edges.map((e: { node: { code: string } }) => e.node.code));
      after = data!.procedures.pageInfo.hasNextPage ? data!.procedures.pageInfo.endCursor : null;
    } while (after);
    expect(viaGraphQL).toEqual(expected);

    const viaRest: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http().get(`/api/v1/procedures?first=4${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`).expect(200);
      expect(res.body.totalCount).toBe(expected.length);
      viaRest.push(...res.body.items.map((p: { code: string }) => p.code));
      cursor = res.body.pageInfo.hasNextPage ? res.body.pageInfo.endCursor : null;
    } while (cursor);
    expect(viaRest).toEqual(expected);
  });
});
