import { Role } from '@xaso/auth';
import { DataSource } from 'typeorm';
import { VN_YEAR_TABLE_2026 } from '@xaso/calendar';
import { citizen, DOSSIER_FIELDS, type DossierTestApp, officer, startDossierTestApp, SUBMIT, submitInput } from '../../../test/dossier-test-app';

describe('deadlines, scheduler, apologies, statistics and calendar tables (real PostgreSQL, Kafka)', () => {
  let t: DossierTestApp;
  let citizenToken: string;
  let officerToken: string;
  let leaderToken: string;
  let adminToken: string;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_deadlines');
    citizenToken = await t.token(citizen('citizen-an', '001090001234'));
    officerToken = await t.token(officer(t.unitA));
    leaderToken = await t.token({ role: Role.LEADER, sub: 'leader-a', unitCode: t.unitA });
    adminToken = await t.token({ role: Role.ADMIN, sub: 'admin' });
  });
  afterAll(() => t?.close());

  const submitAt = async (at: string, channel = 'DIRECT', unit = t.unitA) => {
    t.clock.set(at);
    const res = await t.gql<{ submitDossier: any }>(channel === 'ONLINE' ? citizenToken : officerToken, SUBMIT, {
      input: submitInput(unit, { channel }),
    });
    expect(res.errors).toBeUndefined();
    return res.data!.submitDossier as { code: string; dueAt: string };
  };
  const mutate = async (token: string, at: string, mutation: string) => {
    t.clock.set(at);
    const res = await t.gql<Record<string, any>>(token, `mutation { ${mutation} { ${DOSSIER_FIELDS} legalDueAt } }`);
    return res;
  };

  it('computes the due date at receipt from the calendar (15:00 cut-off for paper, Tết skipped)', async () => {
    // Mon 2026-03-02 09:00 local, 5 working days → Mon 03-09 17:00 local.
    expect((await submitAt('2026-03-02T02:00:00Z')).dueAt).toBe('2026-03-09T10:00:00.000Z');
    // Paper at 15:30 local counts from Tuesday → Tue 03-10.
    expect((await submitAt('2026-03-02T08:30:00Z')).dueAt).toBe('2026-03-10T10:00:00.000Z');
    // Online at 15:30 still counts that day.
    expect((await submitAt('2026-03-02T08:30:00Z', 'ONLINE')).dueAt).toBe('2026-03-09T10:00:00.000Z');
    // Fri 2026-02-13 09:00: Tết Bính Ngọ 14–22/2 is skipped → 23, 24, 25, 26, 27 Feb.
    expect((await submitAt('2026-02-13T02:00:00Z')).dueAt).toBe('2026-02-27T10:00:00.000Z');
  });

  it('flags due-soon and overdue dossiers once, publishing dossier.due-soon / dossier.overdue', async () => {
    const d = await submitAt('2026-04-06T02:00:00Z'); // due Mon 04-13 17:00 local
    expect(d.dueAt).toBe('2026-04-13T10:00:00.000Z');
    const first = await t.scheduler.runOnce(new Date('2026-04-12T12:00:00Z'));
    expect(first.dueSoon).toContain(d.code);
    expect(first.overdue).not.toContain(d.code);
    expect((await t.scheduler.runOnce(new Date('2026-04-12T13:00:00Z'))).dueSoon).not.toContain(d.code);
    const late = await t.scheduler.runOnce(new Date('2026-04-13T10:00:01Z'));
    expect(late.overdue).toContain(d.code);
    expect((await t.scheduler.runOnce(new Date('2026-04-13T11:00:00Z'))).overdue).not.toContain(d.code);

    t.clock.set('2026-04-13T12:00:00Z');
    const seen = await t.gql<any>(officerToken, `{ dossier(code: "${d.code}") { overdue } overdue: dossiers(filter: { overdue: true }, first: 100) { edges { node { code } } } }`);
    expect(seen.data.dossier.overdue).toBe(true);
    expect(seen.data.overdue.edges.map((e: any) => e.node.code)).toContain(d.code);

    const events = await t.waitForEvents((es) => es.filter((e) => e.aggregateId === d.code).length >= 3);
    expect(events.filter((e) => e.aggregateId === d.code).map((e) => e.type)).toEqual(['dossier.received', 'dossier.due-soon', 'dossier.overdue']);
    expect(events.find((e) => e.aggregateId === d.code && e.type === 'dossier.overdue')!.payload).toMatchObject({ actorRole: 'SYSTEM' });
  });

  it('flags a backlog of 2,500 due-soon dossiers in one scan, one outbox row each', async () => {
    const d = await submitAt('2026-06-01T02:00:00Z'); // due Mon 06-08 17:00 local
    const db = t.app.get(DataSource);
    // 2,499 copies of it (new id and code), as an import or a merger would leave them.
    await db.query(
      `INSERT INTO dossier SELECT (jsonb_populate_record(d, jsonb_build_object('id', gen_random_uuid(), 'code', d.code || '-' || g))).*
         FROM dossier d, generate_series(1, 2499) g WHERE d.code = $1`,
      [d.code],
    );
    const scan = await t.scheduler.runOnce(new Date('2026-06-07T12:00:00Z'));
    expect(scan.dueSoon).toHaveLength(2500);
    expect(new Set(scan.dueSoon).size).toBe(2500);
    const [{ rows, types }] = await db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT envelope->>'type')::int AS types FROM outbox WHERE key = $1 OR key LIKE $1 || '-%'`,
      [d.code],
    );
    // dossier.received for the original, dossier.due-soon for all 2,500.
    expect(rows).toBe(2501);
    expect(types).toBe(2);
    // Nothing is flagged twice.
    expect((await t.scheduler.runOnce(new Date('2026-06-07T13:00:00Z'))).dueSoon).toEqual([]);
  });

  it('records an apology once, no later than the original due date, and publishes it', async () => {
    const d = await submitAt('2026-05-04T02:00:00Z'); // Mon 05-04 → due Mon 05-11 17:00 local
    expect(d.dueAt).toBe('2026-05-11T10:00:00.000Z');
    const tooEarly = await mutate(leaderToken, '2026-05-08T02:00:00Z', `issueApology(code: "${d.code}", reason: "Chờ xác minh", newDueAt: "2026-05-06T10:00:00Z")`);
    expect(tooEarly.errors![0].extensions!.code).toBe('APOLOGY_DATE_INVALID');
    const ok = await mutate(leaderToken, '2026-05-08T02:00:00Z', `issueApology(code: "${d.code}", reason: "Chờ xác minh", newDueAt: "2026-05-15T10:00:00Z")`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.issueApology).toMatchObject({
      status: 'RECEIVED',
      dueAt: '2026-05-15T10:00:00.000Z',
      legalDueAt: '2026-05-11T10:00:00.000Z',
      apology: { reason: 'Chờ xác minh', newDueAt: '2026-05-15T10:00:00.000Z' },
    });
    const again = await mutate(leaderToken, '2026-05-08T03:00:00Z', `issueApology(code: "${d.code}", reason: "Lần hai", newDueAt: "2026-05-20T10:00:00Z")`);
    expect(again.errors![0].extensions!.code).toBe('APOLOGY_ALREADY_ISSUED');
    // The promised date counts for the overdue scan.
    expect((await t.scheduler.runOnce(new Date('2026-05-11T12:00:00Z'))).overdue).not.toContain(d.code);

    const late = await submitAt('2026-05-04T02:00:00Z');
    const tooLate = await mutate(leaderToken, '2026-05-12T02:00:00Z', `issueApology(code: "${late.code}", reason: "Trễ", newDueAt: "2026-05-20T10:00:00Z")`);
    expect(tooLate.errors![0].extensions!.code).toBe('APOLOGY_TOO_LATE');

    await t.waitForEvents((es) => es.some((e) => e.aggregateId === d.code && e.type === 'dossier.apology-issued'));
    expect(t.events.find((e) => e.aggregateId === d.code && e.type === 'dossier.apology-issued')!.payload).toMatchObject({
      reason: 'Chờ xác minh',
      originalDueAt: '2026-05-11T10:00:00.000Z',
      newDueAt: '2026-05-15T10:00:00.000Z',
    });
  });

  it('computes statistics on a seeded set with known counts (query and AdministrativeUnit entity)', async () => {
    const unit = t.unitB;
    const officerB = await t.token(officer(unit));
    const at = async (when: string, channel: string) => {
      t.clock.set(when);
      const res = await t.gql<{ submitDossier: { code: string } }>(channel === 'ONLINE' ? citizenToken : officerB, SUBMIT, {
        input: submitInput(unit, { channel }),
      });
      expect(res.errors).toBeUndefined();
      return res.data!.submitDossier.code;
    };
    const finish = async (code: string, when: string) => {
      t.clock.set(when);
      expect((await t.gql(officerB, `mutation { startProcessing(code: "${code}") { status } }`)).errors).toBeUndefined();
      expect((await t.gql(officerB, `mutation { completeProcessing(code: "${code}", resultNote: "Xong") { status } }`)).errors).toBeUndefined();
    };
    // Period: Mon 2026-03-09 .. Fri 2026-03-13.
    await at('2026-03-02T02:00:00Z', 'DIRECT'); // D1: carried over, still open, due 03-09 → pending overdue
    await finish(await at('2026-03-03T02:00:00Z', 'DIRECT'), '2026-03-05T02:00:00Z'); // D2: finished before the period
    await finish(await at('2026-03-04T02:00:00Z', 'DIRECT'), '2026-03-10T02:00:00Z'); // D3: carried over, EARLY (due 03-11)
    await at('2026-03-09T02:00:00Z', 'ONLINE'); // D4: received online, pending on time (due 03-16)
    await at('2026-03-09T03:00:00Z', 'DIRECT'); // D5: received direct, pending on time
    const d6 = await at('2026-03-10T02:00:00Z', 'POSTAL'); // D6: received by post, withdrawn → closed without decision
    t.clock.set('2026-03-11T02:00:00Z');
    expect((await t.gql(officerB, `mutation { withdrawDossier(code: "${d6}", reason: "Người nộp rút hồ sơ") { status } }`)).errors).toBeUndefined();
    await finish(await at('2026-02-23T02:00:00Z', 'DIRECT'), '2026-03-12T02:00:00Z'); // D7: carried over, LATE (due 03-02)
    await finish(await at('2026-03-02T03:00:00Z', 'DIRECT'), '2026-03-09T08:00:00Z'); // D8: carried over, ON_TIME (due day)
    await at('2026-03-16T02:00:00Z', 'DIRECT'); // D9: after the period

    const fields = `carriedOver received { total online direct postal } resolved { total early onTime late }
      closedWithoutDecision pendingOnTime pendingOverdue onTimeRate`;
    const expected = {
      carriedOver: 4,
      received: { total: 3, online: 1, direct: 1, postal: 1 },
      resolved: { total: 3, early: 1, onTime: 1, late: 1 },
      closedWithoutDecision: 1,
      pendingOnTime: 2,
      pendingOverdue: 1,
    };
    const res = await t.gql<any>(officerB, `{ dossierStatistics(unitCode: "${unit}", from: "2026-03-09", to: "2026-03-13") { ${fields} } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.dossierStatistics).toMatchObject(expected);
    expect(res.data.dossierStatistics.onTimeRate).toBeCloseTo(2 / 3, 5);

    const viaEntity = await t.gql<any>(
      officerB,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { code dossierStatistics(from: "2026-03-09", to: "2026-03-13") { ${fields} } } } }`,
      { r: [{ __typename: 'AdministrativeUnit', code: unit, validFrom: '2025-07-01' }] },
    );
    expect(viaEntity.errors).toBeUndefined();
    expect(viaEntity.data._entities[0].dossierStatistics).toMatchObject(expected);

    const outsider = await t.gql(officerToken, `{ dossierStatistics(unitCode: "${unit}", from: "2026-03-09", to: "2026-03-13") { carriedOver } }`);
    expect(outsider.errors![0].extensions!.code).toBe('OUT_OF_UNIT_SCOPE');
    const backwards = await t.gql(officerB, `{ dossierStatistics(unitCode: "${unit}", from: "2026-03-13", to: "2026-03-09") { carriedOver } }`);
    expect(backwards.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('lets an ADMIN edit a year table; deadlines use it at once', async () => {
    const entry = (e: { date: string; reason: string; group?: string; kind?: string }) =>
      `{ date: "${e.date}", reason: ${JSON.stringify(e.reason)}${e.group ? `, group: ${e.group}` : ''}${e.kind ? `, kind: ${e.kind}` : ''} }`;
    const mutation = (daysOff: string[], workingDays: string[]) =>
      `mutation { setCalendarYear(year: 2026, daysOff: [${daysOff.join(',')}], workingDays: [${workingDays.join(',')}]) { year daysOff { date reason } workingDays { date } } }`;
    const daysOff = [...VN_YEAR_TABLE_2026.daysOff.map(entry), entry({ date: '2026-06-02', reason: 'Nghỉ hoán đổi (thử)' })];
    const workingDays = VN_YEAR_TABLE_2026.workingDays.map(entry);

    expect((await t.gql(officerToken, mutation(daysOff, workingDays))).errors![0].extensions!.code).toBe('FORBIDDEN');
    const invalid = await t.gql(adminToken, mutation([entry({ date: '2025-06-02', reason: 'Sai năm' })], []));
    expect(invalid.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    // Before: Mon 2026-06-01 09:00 → due Mon 06-08.
    expect((await submitAt('2026-06-01T02:00:00Z')).dueAt).toBe('2026-06-08T10:00:00.000Z');
    const saved = await t.gql<any>(adminToken, mutation(daysOff, workingDays));
    expect(saved.errors).toBeUndefined();
    expect(saved.data.setCalendarYear.daysOff.map((d: any) => d.date)).toContain('2026-06-02');
    // After: Tuesday 06-02 is off → due Tue 06-09.
    expect((await submitAt('2026-06-01T02:00:00Z')).dueAt).toBe('2026-06-09T10:00:00.000Z');
    const read = await t.gql<any>(null, '{ calendarYear(year: 2026) { year daysOff { date } workingDays { date } } }');
    expect(read.data.calendarYear.daysOff.map((d: any) => d.date)).toContain('2026-06-02');
    expect(read.data.calendarYear.workingDays.map((d: any) => d.date)).toEqual(['2026-08-22']);
    expect((await t.gql<any>(null, '{ calendarYear(year: 2025) { year } }')).data.calendarYear.year).toBe(2025);
  });

});
