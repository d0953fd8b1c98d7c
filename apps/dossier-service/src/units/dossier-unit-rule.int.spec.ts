/**
 * The shared unit rule in dossier-service, over the real registry (14,149 unit versions from
 * data/admin-units) delivered as merger's `admin-units.upserted` events on this file's own
 * in-process bus, real PostgreSQL. Filing day 2026-03-02 (after the 2025-07-01 rearrangement).
 */
import { Role } from '@xaso/auth';
import { topicFor } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { adminUnitsUpsertedMessages, realAdminUnits, waitUntil } from '@xaso/testing';
import request from 'supertest';
import { type DossierTestApp, startDossierTestApp, SUBMIT, submitInput } from '../../test/dossier-test-app';

jest.setTimeout(120_000);

describe('dossier-service: every unit a dossier names is a unit on its day', () => {
  let t: DossierTestApp;
  const bus = new InProcessBus();
  const citizen = { role: Role.CITIZEN, sub: 'rule-citizen', idNumber: '001090001234', name: 'Nguyễn Văn An' };
  const officer25 = { role: Role.OFFICER, sub: 'rule-officer-25', unitCode: '00025' };

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_unit_rule', { transport: new InProcessTransport(bus), consumeEvents: false });
    const before = await t.units.count();
    await new InProcessTransport(bus).send(topicFor('merger'), adminUnitsUpsertedMessages());
    await waitUntil('the replica to hold the registry', async () => (await t.units.count()) >= before + realAdminUnits().length);
  });

  afterAll(async () => {
    await t?.close();
  });

  const submit = async (input: Record<string, unknown>, claims: Record<string, unknown> = citizen) =>
    t.gql<any>(await t.token(claims as never), SUBMIT, { input });

  it('records a dossier for 00001 (Phúc Xá, abolished 2025-07-01) at its single successor 00097 and says so', async () => {
    const res = await submit(submitInput('00001'));
    expect(res.errors).toBeUndefined();
    const d = res.data.submitDossier;
    expect(d).toMatchObject({ receivingUnitCode: '00097', competentUnitCode: '00097', processingUnitCode: '00097' });
    expect(d.code).toMatch(/^00097-260302-/);
    expect(d.history[0].note).toContain('receivingUnitCode 00001 (Phường Phúc Xá until 2025-06-30) routed to its successor 00097 (Phường Hồng Hà)');
  });

  it('routes a competent unit the same way, and keeps a unit in force as given', async () => {
    const res = await submit(submitInput('00025', { competentUnitCode: '00001' }));
    expect(res.errors).toBeUndefined();
    expect(res.data.submitDossier).toMatchObject({ receivingUnitCode: '00025', competentUnitCode: '00097' });
    expect(res.data.submitDossier.history[0].note).toContain('competentUnitCode 00001');
    const plain = await submit(submitInput('00004'));
    expect(plain.data.submitDossier).toMatchObject({ receivingUnitCode: '00004' });
    expect(plain.data.submitDossier.history[0].note).toBe('channel ONLINE');
  });

  it('refuses a divided commune (00007) with UNIT_ABOLISHED and all its successors', async () => {
    const res = await submit(submitInput('00007'));
    expect(res.data?.submitDossier ?? null).toBeNull();
    const error = res.errors![0];
    expect(error.extensions).toMatchObject({
      code: 'UNIT_ABOLISHED',
      details: { field: 'receivingUnitCode', unitCode: '00007', successors: [{ code: '00008', name: 'Phường Ngọc Hà' }, { code: '00025', name: 'Phường Giảng Võ' }] },
    });
    expect(error.extensions?.messageVi).toMatch(/00008/);
  });

  it('refuses 99999 and 00002 (well-formed, never units) with UNKNOWN_UNIT, over GraphQL and REST (problem+json)', async () => {
    // ZZZ does not even look like a unit code: the input's syntax check answers first.
    expect((await submit(submitInput('ZZZ'))).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    for (const code of ['99999', '00002']) {
      const res = await submit(submitInput(code));
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_UNIT', details: { field: 'receivingUnitCode', unitCode: code, date: '2026-03-02' } });
    }
    const competent = await submit(submitInput('00004', { competentUnitCode: '99999' }));
    expect(competent.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_UNIT', details: { field: 'competentUnitCode' } });
    const rest = await request(t.app.getHttpServer())
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${await t.token(citizen as never)}`)
      .send(submitInput('99999'))
      .expect(422);
    expect(rest.headers['content-type']).toContain('application/problem+json');
    expect(rest.body).toMatchObject({ code: 'UNKNOWN_UNIT', status: 422 });
    expect(rest.body.detail_vi).toMatch(/99999/);
  });

  it('transfers to a unit in force, refuses 00007 and unknown units, routes a transfer to 00001 to 00097', async () => {
    const received = await submit(submitInput('00025', { channel: 'DIRECT' }), officer25);
    expect(received.errors).toBeUndefined();
    const code = received.data.submitDossier.code;
    const transfer = async (claims: Record<string, unknown>, to: string) =>
      t.gql<any>(
        await t.token(claims as never),
        `mutation { transferDossier(code: "${code}", toUnitCode: "${to}", reason: "Đúng thẩm quyền") { processingUnitCode history { action note } } }`,
      );
    const divided = await transfer(officer25, '00007');
    expect(divided.errors?.[0].extensions).toMatchObject({ code: 'UNIT_ABOLISHED', details: { field: 'toUnitCode' } });
    expect((await transfer(officer25, '99999')).errors?.[0].extensions?.code).toBe('UNKNOWN_UNIT');
    expect((await transfer(officer25, '00004')).data.transferDossier.processingUnitCode).toBe('00004');
    const routed = await transfer({ role: Role.OFFICER, sub: 'rule-officer-4', unitCode: '00004' }, '00001');
    expect(routed.errors).toBeUndefined();
    expect(routed.data.transferDossier.processingUnitCode).toBe('00097');
    expect(routed.data.transferDossier.history.at(-1).note).toMatch(/^Đúng thẩm quyền; toUnitCode 00001 .* routed to its successor 00097/);
  });
});
