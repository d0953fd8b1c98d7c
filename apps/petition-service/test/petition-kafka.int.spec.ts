import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { eventRegistry } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { postGraphQL, waitUntil } from '@xaso/testing';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'petition-kafka-spec-secret-petition-kafka-01';

/**
 * The lifecycle of a denunciation with the events going over Kafka (the broker of the test
 * setup): a consumer group in the role of evaluation-service receives every petition.* event in
 * order, each valid against the registry, none carrying the identity.
 */
describe('petition-service events on Kafka', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;
  let consumer: KafkaTransport;
  const received: string[] = [];

  beforeAll(async () => {
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    harness = await startPetitionTestApp({
      database: 'petition_kafka',
      secret: SECRET,
      transport: new KafkaTransport({ brokers, clientId: 'petition-spec' }),
      consumerGroup: `petition-service-test-${Date.now()}`,
    });
    app = harness.app;
    consumer = new KafkaTransport({ brokers, clientId: 'evaluation-spec' });
    await consumer.start();
    await consumer.subscribe(`evaluation-spec-${Date.now()}`, ['xaso.petition.events.v1'], async (m) => {
      received.push(m.value!);
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await harness?.close();
  });

  it('publishes the denunciation lifecycle, in order, without personal data', async () => {
    const officer = await harness.token('o-k', Role.OFFICER, '00127');
    const leader = await harness.token('l-k', Role.LEADER, '00127');
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
    await waitUntil('the 7 events of the lifecycle', async () => received.filter((v) => v.includes(code)).length >= 7, 30_000);
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
