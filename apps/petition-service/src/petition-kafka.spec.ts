import type { INestApplication } from '@nestjs/common';
import { Role, issueDevToken } from '@xaso/auth';
import { eventRegistry } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL, realAdminUnits } from '@xaso/testing';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import { createPetitionApp } from './bootstrap';

jest.setTimeout(120_000);

const SECRET = 'petition-kafka-spec-secret-petition-kafka-01';

/**
 * The lifecycle of a denunciation with the events going over Kafka (the librdkafka mock cluster
 * of the test setup): a consumer group in the role of evaluation-service receives every
 * petition.* event in order, each valid against the registry, none carrying the identity.
 */
describe('petition-service events on Kafka', () => {
  let db: { url: string; drop(): Promise<void> };
  let app: INestApplication;
  let consumer: KafkaTransport;
  const saved = process.env.AUTH_DEV_SECRET;
  const received: string[] = [];

  beforeAll(async () => {
    process.env.AUTH_DEV_SECRET = SECRET;
    db = await createTestDatabase('petition_kafka');
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    app = await createPetitionApp({ databaseUrl: db.url, logger: false, escalationIntervalMs: 0, transport: new KafkaTransport({ brokers, clientId: 'petition-spec' }), consumerGroup: `petition-service-test-${Date.now()}` });
    await app.get(UnitReplica).upsert(realAdminUnits().map(replicaUnitInputOf)); // every unit a petition names is a real unit
    consumer = new KafkaTransport({ brokers, clientId: 'evaluation-spec' });
    await consumer.start();
    await consumer.subscribe(`evaluation-spec-${Date.now()}`, ['xaso.petition.events.v1'], async (m) => {
      received.push(m.value!);
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await app?.close();
    await db?.drop();
    if (saved === undefined) delete process.env.AUTH_DEV_SECRET;
    else process.env.AUTH_DEV_SECRET = saved;
  });

  it('publishes the denunciation lifecycle, in order, without personal data', async () => {
    const officer = await issueDevToken({ sub: 'o-k', role: Role.OFFICER, unitCode: '00127' }, SECRET);
    const leader = await issueDevToken({ sub: 'l-k', role: Role.LEADER, unitCode: '00127' }, SECRET);
    const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
      const body = await postGraphQL(app, query, variables, token);
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    const identity = { fullName: 'Đoàn Văn Kín', idNumber: '036077009999', phone: '0909000111', address: 'Thôn Kín Đáo' };
    const sub = await gql(
      `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { code } } }`,
      { i: { unitCode: '00127', kind: 'DENUNCIATION', channel: 'RECEPTION', title: 'Tố cáo', content: 'Nội dung tố cáo', petitioner: identity } },
      officer,
    );
    const code = sub.submitPetition.petition.code;
    for (const [m, token] of [
      [`classifyPetition(code: "${code}", complexity: VERY_COMPLEX)`, officer],
      [`acceptPetition(code: "${code}")`, leader],
      [`assignPetition(code: "${code}", handlerId: "o-k")`, leader],
      [`extendPetition(code: "${code}", reason: "Rất phức tạp")`, leader],
      [`extendPetition(code: "${code}", reason: "Cần giám định")`, leader],
      [`resolvePetition(code: "${code}", conclusion: "Kết luận nội dung tố cáo")`, leader],
    ] as const) {
      await gql(`mutation { ${m} { code } }`, {}, token);
    }
    const deadline = Date.now() + 30_000;
    while (received.filter((v) => v.includes(code)).length < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const mine = received.filter((v) => v.includes(code)).map((v) => JSON.parse(v));
    expect(mine.map((e) => e.type)).toEqual([
      'petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.extended', 'petition.extended', 'petition.resolved',
    ]);
    for (const e of mine) expect(eventRegistry.validate(e).ok).toBe(true);
    expect(mine.at(-1).payload).toMatchObject({ kind: 'DENUNCIATION', unitCode: '00127', onTime: true });
    expect(mine[5].payload.extensionsUsed).toBe(2);
    const all = received.join('\n');
    for (const s of Object.values(identity)) expect(all).not.toContain(s);
  });
});
