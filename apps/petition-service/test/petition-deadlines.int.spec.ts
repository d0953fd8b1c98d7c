/** Deadlines: due-soon notices and escalation by the scheduler's use case, also with two schedulers at once. Real PostgreSQL. */
import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { ScanDeadlines } from '../src/petitions/application/scan-deadlines.use-case';
import { SUBMIT_PETITION } from './factories';
import { startPetitionTestApp, type PetitionTestApp, type RecordedEvent } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'petition-deadlines-secret-petition-deadlines-1';
const UNIT = '00004';

describe('petition deadlines (real PostgreSQL)', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;
  let events: RecordedEvent[];
  let flush: () => Promise<void>;
  let eventsOf: (code: string) => Promise<string[]>;
  let now = new Date('2026-03-02T02:00:00Z');
  const clock = { now: () => now };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'petition_deadlines', secret: SECRET, clock });
    app = harness.app;
    ({ events, flush, typesOf: eventsOf } = await harness.recordEvents());
    tokens.citizen = await harness.token('citizen-1', Role.CITIZEN, undefined, { name: 'Phạm Văn Công Dân', idNumber: '001090000111' });
    tokens.officer = await harness.token('officer-1', Role.OFFICER, UNIT);
    tokens.leader = await harness.token('leader-1', Role.LEADER, UNIT);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const ok = (query: string, variables: Record<string, unknown>, token: string) => harness.ok(query, variables, token);
  const SUBMIT = SUBMIT_PETITION;

  it('escalates overdue petitions to the chairperson once and marks deadlines', async () => {
    now = new Date('2026-03-12T02:00:00Z');
    const sub = await ok(SUBMIT, { input: { unitCode: '00103', kind: 'RECOMMENDATION', channel: 'ONLINE', title: 'Kiến nghị', content: 'Làm thêm đèn' } }, tokens.citizen);
    const code = sub.submitPetition.petition.code;
    now = new Date('2026-03-20T02:00:00Z');
    const escalateOverdue = async () => (await app.get(ScanDeadlines).execute()).escalated;
    expect(await escalateOverdue()).not.toContain(code);
    now = new Date('2026-03-23T02:00:00Z');
    expect(await escalateOverdue()).toContain(code);
    expect(await escalateOverdue()).not.toContain(code);
    expect(await eventsOf(code)).toEqual(['petition.received', 'petition.due-soon', 'petition.escalated']);
    const soon = events.find((e) => e.aggregateId === code && e.type === 'petition.due-soon')!;
    expect(soon.payload).toMatchObject({ stage: 'ACCEPTANCE', due: '2026-03-22', daysLeft: 2 });
    const ev = events.find((e) => e.aggregateId === code && e.type === 'petition.escalated')!;
    expect(ev.payload).toMatchObject({ stage: 'ACCEPTANCE', overdueSince: '2026-03-22' });
  });

  it('the deadline scan is safe with two schedulers at once (FOR UPDATE SKIP LOCKED): each petition escalated exactly once', async () => {
    const before = now;
    now = new Date('2026-04-01T02:00:00Z');
    const mine: string[] = [];
    for (let i = 0; i < 7; i++) {
      const sub = await ok(SUBMIT, { input: { unitCode: UNIT, kind: 'FEEDBACK', channel: 'MAIL', title: `Phản ánh ${i}`, content: `Nội dung riêng số ${i} về ${i * 17}` } }, tokens.officer);
      mine.push(sub.submitPetition.petition.code);
    }
    now = new Date('2026-05-01T02:00:00Z');
    const scan = app.get(ScanDeadlines);
    const [a, b] = await Promise.all([scan.execute(2), scan.execute(2)]);
    const escalated = [...a.escalated, ...b.escalated].filter((c) => mine.includes(c));
    expect(escalated.sort()).toEqual([...mine].sort());
    expect((await scan.execute()).escalated.filter((c) => mine.includes(c))).toEqual([]);
    await flush();
    for (const code of mine) expect(events.filter((e) => e.aggregateId === code && e.type === 'petition.escalated')).toHaveLength(1);
    const history = await ok(`{ petition(code: "${mine[0]}") { escalated history { action actorRole } } }`, {}, tokens.leader);
    expect(history.petition.escalated).toBe(true);
    expect(history.petition.history).toEqual([{ action: 'SUBMIT', actorRole: 'OFFICER' }, { action: 'ESCALATE', actorRole: 'SYSTEM' }]);
    now = before;
  });
});
