import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Role } from '@xaso/auth';
import { citizen, DOSSIER_FIELDS, type DossierTestApp, officer, startDossierTestApp, SUBMIT, submitInput, TEST_SECRET } from '../../../test/dossier-test-app';

/**
 * Issue #4 end to end: the dossier service (real PostgreSQL, Kafka from KAFKA_BROKERS, ManualClock)
 * behind the real gateway (apps/gateway, loaded by path like the all-in-one launcher does — an
 * app never imports another app's code), driven only through the gateway's `/graphql` and REST
 * facade with dev tokens. Lifecycle, deadlines, apologies, transfer, statistics, unit scope, and
 * the `dossier.*` events on Kafka carrying the request's correlation id.
 */
type StartGateway = (options: {
  port: number;
  host?: string;
  subgraphs: { name: string; url: string }[];
  logger?: false;
}) => Promise<INestApplication>;

interface GqlBody<T> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

describe('dossiers through the gateway (real PostgreSQL, Kafka)', () => {
  let t: DossierTestApp;
  let gateway: INestApplication;
  let base: string;
  let citizenToken: string;
  let officerA: string;
  let officerB: string;
  let leaderA: string;
  const previousSecret = process.env.AUTH_DEV_SECRET;

  beforeAll(async () => {
    process.env.LOG_LEVEL ??= 'warn';
    // The gateway verifies tokens with the env's dev secret; the service with the harness's.
    process.env.AUTH_DEV_SECRET = TEST_SECRET;
    t = await startDossierTestApp('dossier_gateway');
    await t.app.listen(0, '127.0.0.1');
    const serviceUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const { startGateway } = require(join(__dirname, '..', '..', '..', '..', 'gateway', 'src', 'bootstrap.ts')) as { startGateway: StartGateway };
    gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'dossier', url: `${serviceUrl}/graphql` }], logger: false });
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    citizenToken = await t.token(citizen('citizen-gw', '001090001234'));
    officerA = await t.token(officer(t.unitA));
    officerB = await t.token(officer(t.unitB));
    leaderA = await t.token({ role: Role.LEADER, sub: 'leader-gw', unitCode: t.unitA });
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await t?.close();
    if (previousSecret === undefined) delete process.env.AUTH_DEV_SECRET;
    else process.env.AUTH_DEV_SECRET = previousSecret;
  });

  const gql = async <T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>, correlationId?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (correlationId) headers['x-correlation-id'] = correlationId;
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    if (response.status >= 500) throw new Error(`gateway HTTP ${response.status}: ${await response.text()}`);
    return (await response.json()) as GqlBody<T>;
  };
  /** A mutation at a given instant of the service's ManualClock. */
  const at = async (instant: string, token: string, mutation: string, correlationId?: string) => {
    t.clock.set(instant);
    return gql<Record<string, any>>(token, `mutation { ${mutation} { ${DOSSIER_FIELDS} legalDueAt } }`, undefined, correlationId);
  };
  const submitAt = async (instant: string, token: string, input: Record<string, unknown>, correlationId?: string) => {
    t.clock.set(instant);
    const res = await gql<{ submitDossier: any }>(token, SUBMIT, { input }, correlationId);
    expect(res.errors).toBeUndefined();
    return res.data!.submitDossier as { code: string; dueAt: string; status: string; channel: string };
  };
  const correlationOf = (raw: string) => (JSON.parse(raw) as { correlationId: string }).correlationId;

  it('runs the lifecycle with legal deadlines (15:00 cut-off, supplement pause) and publishes each step with the caller’s correlation id', async () => {
    // Citizen online, Mon 2026-03-02 15:30 local: online counts that day → 5 working days → Mon 03-09 17:00 local.
    const online = await submitAt('2026-03-02T08:30:00Z', citizenToken, submitInput(t.unitA, { channel: 'ONLINE' }));
    expect(online).toMatchObject({ status: 'RECEIVED', channel: 'ONLINE', dueAt: '2026-03-09T10:00:00.000Z' });
    expect(online.code).toMatch(new RegExp(`^${t.unitA}-260302-\\d{4}$`));

    // Officer at the counter, same instant (after 15:00): counts from Tue → due Tue 03-10.
    const corr = `gw-${randomUUID()}`;
    const direct = await submitAt('2026-03-02T08:30:00Z', officerA, submitInput(t.unitA, { channel: 'DIRECT' }), corr);
    expect(direct).toMatchObject({ status: 'RECEIVED', channel: 'DIRECT', dueAt: '2026-03-10T10:00:00.000Z' });
    const code = direct.code;

    const started = await at('2026-03-03T02:00:00Z', officerA, `startProcessing(code: "${code}", note: "Bắt đầu")`, corr);
    expect(started.errors).toBeUndefined();
    expect(started.data!.startProcessing.status).toBe('IN_PROCESSING');

    // Tue 10:00 local: supplement requested → the clock is paused (no due date while waiting).
    const requested = await at('2026-03-03T03:00:00Z', officerA, `requestSupplement(code: "${code}", reason: "Thiếu bản vẽ", items: ["Bản vẽ mặt bằng"])`, corr);
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestSupplement).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', paused: true, dueAt: null });

    // Thu 14:00 local: paused at the end of Tue and Wed, but the paper dossier's counting window
    // starts on Wed (Tue is its receipt day, not counted) → one paused working day → Wed 03-11.
    const provided = await at('2026-03-05T07:00:00Z', officerA, `provideSupplement(code: "${code}", note: "Đã bổ sung tại quầy")`, corr);
    expect(provided.errors).toBeUndefined();
    expect(provided.data!.provideSupplement).toMatchObject({ status: 'IN_PROCESSING', paused: false, dueAt: '2026-03-11T10:00:00.000Z', legalDueAt: '2026-03-11T10:00:00.000Z' });
    expect(provided.data!.provideSupplement.supplementRequests[0].providedAt).toBeTruthy();

    const completed = await at('2026-03-10T03:00:00Z', officerA, `completeProcessing(code: "${code}", resultNote: "Đã cấp giấy phép")`, corr);
    expect(completed.data!.completeProcessing).toMatchObject({ status: 'PROCESSED', completedAt: '2026-03-10T03:00:00.000Z', overdue: false });
    const returned = await at('2026-03-12T02:00:00Z', officerA, `returnResult(code: "${code}")`, corr);
    expect(returned.data!.returnResult).toMatchObject({ status: 'RETURNED', returnedAt: '2026-03-12T02:00:00.000Z' });
    expect(returned.data!.returnResult.history.map((h: any) => h.action)).toEqual([
      'RECEIVE',
      'START_PROCESSING',
      'REQUEST_SUPPLEMENT',
      'PROVIDE_SUPPLEMENT',
      'COMPLETE',
      'RETURN',
    ]);

    // Public tracking through the gateway: no login, no personal data.
    const tracked = await gql<any>(null, `{ trackDossier(code: "${code}", idNumberLast4: "1234") { code status dueAt history { status } } }`);
    expect(tracked.data!.trackDossier).toMatchObject({ code, status: 'RETURNED' });
    expect(JSON.stringify(tracked.data)).not.toContain('Nguyễn');

    const expected = [
      'dossier.received',
      'dossier.processing-started',
      'dossier.supplement-requested',
      'dossier.supplement-provided',
      'dossier.resolved',
      'dossier.returned',
    ];
    await t.waitForEvents((es) => es.filter((e) => e.aggregateId === code).length >= expected.length);
    const mine = t.events.filter((e) => e.aggregateId === code);
    expect(mine.map((e) => e.type)).toEqual(expected);
    expect(mine.map((e) => correlationOf(e.raw))).toEqual(expected.map(() => corr));
    expect(mine[0].payload).toMatchObject({ code, channel: 'DIRECT', receivingUnitCode: t.unitA, dueAt: '2026-03-10T10:00:00.000Z' });
    expect(mine.map((e) => e.raw).join('\n')).not.toMatch(/Nguyễn|001090001234|0912345678|an@example\.vn/);
  });

  it('lets only a LEADER refuse, and rejects transitions that are not allowed with coded errors', async () => {
    const d = await submitAt('2026-03-16T02:00:00Z', officerA, submitInput(t.unitA, { channel: 'DIRECT' }));
    const byOfficer = await at('2026-03-16T03:00:00Z', officerA, `refuseDossier(code: "${d.code}", reason: "Không thuộc thẩm quyền")`);
    expect(byOfficer.errors![0].extensions!.code).toBe('ROLE_NOT_ALLOWED');
    const notYet = await at('2026-03-16T03:00:00Z', officerA, `completeProcessing(code: "${d.code}", resultNote: "x")`);
    expect(notYet.errors![0].extensions!.code).toBe('INVALID_TRANSITION');
    const refused = await at('2026-03-16T04:00:00Z', leaderA, `refuseDossier(code: "${d.code}", reason: "Không thuộc thẩm quyền")`);
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.refuseDossier.status).toBe('REFUSED');
    expect(refused.data!.refuseDossier.history.at(-1)).toMatchObject({ action: 'REFUSE', actorRole: 'LEADER', note: 'Không thuộc thẩm quyền' });
    const badId = await gql(citizenToken, SUBMIT, { input: submitInput(t.unitA, { applicant: { fullName: 'A', idNumber: '123' } }) });
    expect(badId.errors![0].extensions!.code).toBe('INVALID_ID_NUMBER');
    const unknown = await gql(citizenToken, SUBMIT, { input: submitInput(t.unitA, { procedureCode: 'XX.999' }) });
    expect(unknown.errors![0].extensions!.code).toBeDefined();
    expect(unknown.errors![0].extensions!.code).not.toBe('INTERNAL_SERVER_ERROR');
  });

  it('records an apology once (new date no later than the original due date), shows it, and publishes it', async () => {
    const corr = `gw-${randomUUID()}`;
    const d = await submitAt('2026-05-04T02:00:00Z', officerA, submitInput(t.unitA, { channel: 'DIRECT' })); // due Mon 05-11 17:00 local
    expect(d.dueAt).toBe('2026-05-11T10:00:00.000Z');
    const ok = await at('2026-05-08T02:00:00Z', leaderA, `issueApology(code: "${d.code}", reason: "Chờ xác minh", newDueAt: "2026-05-15T10:00:00Z")`, corr);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.issueApology).toMatchObject({
      dueAt: '2026-05-15T10:00:00.000Z',
      legalDueAt: '2026-05-11T10:00:00.000Z',
      apology: { reason: 'Chờ xác minh', newDueAt: '2026-05-15T10:00:00.000Z' },
    });
    const again = await at('2026-05-08T03:00:00Z', leaderA, `issueApology(code: "${d.code}", reason: "Lần hai", newDueAt: "2026-05-20T10:00:00Z")`);
    expect(again.errors![0].extensions!.code).toBe('APOLOGY_ALREADY_ISSUED');
    const late = await submitAt('2026-05-04T02:00:00Z', officerA, submitInput(t.unitA, { channel: 'DIRECT' }));
    const tooLate = await at('2026-05-12T02:00:00Z', leaderA, `issueApology(code: "${late.code}", reason: "Trễ", newDueAt: "2026-05-20T10:00:00Z")`);
    expect(tooLate.errors![0].extensions!.code).toBe('APOLOGY_TOO_LATE');

    await t.waitForEvents((es) => es.some((e) => e.aggregateId === d.code && e.type === 'dossier.apology-issued'));
    const event = t.events.find((e) => e.aggregateId === d.code && e.type === 'dossier.apology-issued')!;
    expect(event.payload).toMatchObject({ originalDueAt: '2026-05-11T10:00:00.000Z', newDueAt: '2026-05-15T10:00:00.000Z' });
    expect(correlationOf(event.raw)).toBe(corr);
  });

  it('transfers to another unit with a reason; unit scope follows the processing unit', async () => {
    const d = await submitAt('2026-06-01T02:00:00Z', officerA, submitInput(t.unitA, { channel: 'DIRECT' }));
    expect((await gql<any>(officerB, `{ dossier(code: "${d.code}") { code } }`)).errors![0].extensions!.code).toMatch(/FORBIDDEN|OUT_OF_UNIT_SCOPE|NOT_FOUND/);
    const denied = await at('2026-06-01T03:00:00Z', officerB, `startProcessing(code: "${d.code}")`);
    expect(denied.errors![0].extensions!.code).toBe('OUT_OF_UNIT_SCOPE');
    const transferred = await at('2026-06-01T03:00:00Z', officerA, `transferDossier(code: "${d.code}", toUnitCode: "${t.unitB}", reason: "Đúng thẩm quyền")`);
    expect(transferred.errors).toBeUndefined();
    expect(transferred.data!.transferDossier).toMatchObject({ receivingUnitCode: t.unitA, processingUnitCode: t.unitB });
    expect((await gql<any>(officerB, `{ dossier(code: "${d.code}") { code processingUnitCode } }`)).data!.dossier).toEqual({ code: d.code, processingUnitCode: t.unitB });
    await t.waitForEvents((es) => es.some((e) => e.type === 'dossier.transferred' && e.aggregateId === d.code));
    const event = t.events.find((e) => e.type === 'dossier.transferred' && e.aggregateId === d.code)!;
    expect(event.payload).toMatchObject({ fromUnitCode: t.unitA, toUnitCode: t.unitB });
    expect(event.unitCode).toBe(t.unitB);
  });

  it('computes statistics on a small seeded set through the gateway, for the unit’s staff only', async () => {
    const unit = t.unitB;
    const submit = (instant: string, channel: string) =>
      submitAt(instant, channel === 'ONLINE' ? citizenToken : officerB, submitInput(unit, { channel })).then((d) => d.code);
    const finish = async (code: string, instant: string) => {
      expect((await at(instant, officerB, `startProcessing(code: "${code}")`)).errors).toBeUndefined();
      expect((await at(instant, officerB, `completeProcessing(code: "${code}", resultNote: "Xong")`)).errors).toBeUndefined();
    };
    // Period Mon 2026-09-14 .. Fri 2026-09-18. Also in unit B: the dossier transferred in the
    // previous test (received 06-01, still open) → carried over and pending overdue.
    await submit('2026-09-07T02:00:00Z', 'DIRECT'); // carried over, open, due Mon 09-14 → pending overdue
    await finish(await submit('2026-09-08T02:00:00Z', 'DIRECT'), '2026-09-14T02:00:00Z'); // carried over, resolved EARLY (due 09-15)
    await finish(await submit('2026-09-14T02:00:00Z', 'ONLINE'), '2026-09-22T02:00:00Z'); // received online; resolved after the period → pending on time
    await finish(await submit('2026-09-14T03:00:00Z', 'POSTAL'), '2026-09-16T02:00:00Z'); // received by post, EARLY
    await submit('2026-09-21T02:00:00Z', 'DIRECT'); // after the period: not counted

    const query = `{ dossierStatistics(unitCode: "${unit}", from: "2026-09-14", to: "2026-09-18") {
      unitCode carriedOver received { total online direct postal } resolved { total early onTime late }
      closedWithoutDecision pendingOnTime pendingOverdue onTimeRate } }`;
    const res = await gql<any>(officerB, query);
    expect(res.errors).toBeUndefined();
    expect(res.data!.dossierStatistics).toEqual({
      unitCode: unit,
      carriedOver: 3,
      received: { total: 2, online: 1, direct: 0, postal: 1 },
      resolved: { total: 2, early: 2, onTime: 0, late: 0 },
      closedWithoutDecision: 0,
      pendingOnTime: 1,
      pendingOverdue: 2,
      onTimeRate: 1,
    });
    const outsider = await gql(officerA, query);
    expect(outsider.errors![0].extensions!.code).toBe('OUT_OF_UNIT_SCOPE');
    const anonymous = await gql(null, query);
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('serves the REST facade for agencies through the gateway (Idempotency-Key replay, problem+json)', async () => {
    t.clock.set('2026-10-05T02:00:00Z');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${officerA}`, 'idempotency-key': `gw-${randomUUID()}` };
    const body = JSON.stringify(submitInput(t.unitA, { channel: 'DIRECT' }));
    const first = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers, body });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { code: string; dueAt: string };
    expect(created.dueAt).toBe('2026-10-12T10:00:00.000Z');
    const replay = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers, body });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { code: string }).code).toBe(created.code);

    const denied = await fetch(`${base}/api/v1/dossiers/${created.code}/start-processing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officerB}` },
      body: '{}',
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await denied.json()) as { code: string }).code).toBe('OUT_OF_UNIT_SCOPE');

    // The calendar for agencies is routed to this service too.
    const due = await fetch(`${base}/api/v1/calendar/working-days?from=2026-10-05&days=5`);
    expect(due.status).toBe(200);
    expect(((await due.json()) as { dueDate: string }).dueDate).toBe('2026-10-12');
    const procedure = (await (await fetch(`${base}/api/v1/procedures/HT.003`)).json()) as { legalBasis: string; maxProcessingDays: number };
    expect(procedure).toMatchObject({ maxProcessingDays: 5 });
    expect(procedure.legalBasis).toMatch(/Luật Hộ tịch/);
  });
});
