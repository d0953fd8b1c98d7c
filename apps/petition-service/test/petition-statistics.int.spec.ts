/** Petition statistics of a unit on a seeded set with known counts (GraphQL and the AdministrativeUnit entity). Real PostgreSQL. */
import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { TrackPetition } from '../src/petitions/application/track-petition.query';
import { SUBMIT_PETITION, petitionStep } from './factories';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'petition-statistics-secret-petition-statistics';
const UNIT = '00004';

describe('petition statistics (real PostgreSQL)', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;
  let now = new Date('2026-03-02T02:00:00Z');
  const clock = { now: () => now };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'petition_statistics', secret: SECRET, clock });
    app = harness.app;
    tokens.citizen = await harness.token('citizen-1', Role.CITIZEN, undefined, { name: 'Phạm Văn Công Dân', idNumber: '001090000111' });
    tokens.officer = await harness.token('officer-1', Role.OFFICER, UNIT);
    tokens.leader = await harness.token('leader-1', Role.LEADER, UNIT);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) => harness.gql(query, variables, token);
  const ok = (query: string, variables: Record<string, unknown>, token: string) => harness.ok(query, variables, token);
  const SUBMIT = SUBMIT_PETITION;
  const step = petitionStep;

  it('statistics on a seeded set (unit 00118) with known counts, also through AdministrativeUnit.petitionStatistics', async () => {
    const U = '00118';
    const leader = await harness.token('leader-20', Role.LEADER, U);
    const officer = await harness.token('officer-20', Role.OFFICER, U);
    const submit = async (kind: string, channel: string, petitioner?: object) =>
      (await ok(SUBMIT, { input: { unitCode: U, kind, channel, title: `${kind} ${Math.random()}`, content: `${kind} ${channel} ${Math.random()}`, petitioner } }, officer)).submitPetition.petition.code;
    const ident = (n: number) => ({ fullName: `Người ${n}`, idNumber: `00109000${String(n).padStart(4, '0')}` });
    now = new Date('2026-04-01T02:00:00Z');
    const a = await submit('COMPLAINT', 'RECEPTION', ident(1)); // accepted, resolved on time
    const b = await submit('COMPLAINT', 'MAIL', ident(2)); // accepted, resolved late
    const c = await submit('FEEDBACK', 'HOTLINE'); // accepted, resolved on time, rated 5 and 3
    const d = await submit('RECOMMENDATION', 'MAIL'); // referred
    const e = await submit('DENUNCIATION', 'RECEPTION', ident(3)); // accepted, pending (overdue at 04-30? due 05-01: on time)
    await submit('FEEDBACK', 'MAIL'); // never touched → acceptance due 04-11 → pending overdue
    for (const code of [a, b, c, d, e]) await ok(step('classifyPetition', `code: "${code}"`), {}, officer);
    for (const code of [a, b, c, e]) {
      await ok(step('acceptPetition', `code: "${code}"`), {}, leader);
      await ok(step('assignPetition', `code: "${code}", handlerId: "officer-20"`), {}, leader);
    }
    await ok(step('referPetition', `code: "${d}", agencyName: "Sở Xây dựng", reason: "thẩm quyền"`), {}, officer);
    now = new Date('2026-04-10T02:00:00Z');
    await ok(step('resolvePetition', `code: "${a}", conclusion: "ok"`), {}, leader);
    await ok(step('resolvePetition', `code: "${c}", conclusion: "ok"`), {}, officer);
    const secretC = (await app.get(TrackPetition).execute(c, 'x')) === null; // sanity: wrong secret → null
    expect(secretC).toBe(true);
    now = new Date('2026-05-05T02:00:00Z'); // complaint b due 05-01 → late
    await ok(step('resolvePetition', `code: "${b}", conclusion: "late"`), {}, leader);

    now = new Date('2026-06-01T02:00:00Z');
    const Q = `query($from: Date!, $to: Date!) { petitionStatistics(unitCode: "${U}", from: $from, to: $to) {
      received receivedByKind { kind count } receivedByChannel { channel count } accepted referred refused
      resolvedOnTime resolvedLate onTimeRate pendingOnTime pendingOverdue ratings averageRating satisfactionRate } }`;
    const april = (await ok(Q, { from: '2026-04-01', to: '2026-04-30' }, leader)).petitionStatistics;
    const byKind = Object.fromEntries(april.receivedByKind.map((x: any) => [x.kind, x.count]));
    const byChannel = Object.fromEntries(april.receivedByChannel.map((x: any) => [x.channel, x.count]));
    expect(april.received).toBe(6);
    expect(byKind).toEqual({ COMPLAINT: 2, DENUNCIATION: 1, RECOMMENDATION: 1, FEEDBACK: 2, INFORMATION: 0 });
    expect(byChannel).toEqual({ RECEPTION: 2, ONLINE: 0, MAIL: 3, HOTLINE: 1 });
    expect(april).toMatchObject({ accepted: 4, referred: 1, refused: 0, resolvedOnTime: 2, resolvedLate: 0, onTimeRate: 1 });
    // at 04-30: b (due 05-01) and e (due 05-01) pending on time; the untouched feedback overdue (acceptance due 04-11)
    expect(april).toMatchObject({ pendingOnTime: 2, pendingOverdue: 1 });
    const may = (await ok(Q, { from: '2026-05-01', to: '2026-05-31' }, leader)).petitionStatistics;
    expect(may).toMatchObject({ received: 0, resolvedOnTime: 0, resolvedLate: 1, onTimeRate: 0, pendingOnTime: 0, pendingOverdue: 2 });

    const fed = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { code petitionStatistics(from: "2026-04-01", to: "2026-04-30") { received accepted } } } }`,
      { r: [{ __typename: 'AdministrativeUnit', code: U, validFrom: '2025-07-01' }] },
      leader,
    );
    expect(fed.errors).toBeUndefined();
    expect(fed.data!._entities[0]).toEqual({ code: U, petitionStatistics: { received: 6, accepted: 4 } });
    const anon = await gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { petitionStatistics(from: "2026-04-01", to: "2026-04-30") { received } } } }`, { r: [{ __typename: 'AdministrativeUnit', code: U, validFrom: '2025-07-01' }] });
    expect(anon.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const citizen = await gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { petitionStatistics(from: "2026-04-01", to: "2026-04-30") { received } } } }`, { r: [{ __typename: 'AdministrativeUnit', code: U, validFrom: '2025-07-01' }] }, tokens.citizen);
    expect(citizen.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
