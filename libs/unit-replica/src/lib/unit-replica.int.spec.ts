import { adminUnitImported, adminUnitsUpserted, ADMIN_UNITS_CHUNK_SIZE, type EventOf } from '@xaso/contracts';
import type { HandlerContext } from '@xaso/messaging';
import { createTestDatabase, realAdminUnits } from '@xaso/testing';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@xaso/observability';
import { CreateAdminUnitReplica1795300000000, unitReplicaMigrations } from './migrations';
import { UnitReplica } from './unit-replica';
import { UnitReplicaHandlers } from './unit-replica.handlers';
import { UnitResolver } from './unit-resolver';
import { UNIT_REPLICA_HEALTH_CHECK, UnitReplicaHealth } from './unit-replica.health';

jest.setTimeout(120_000);

describe('UnitReplica (real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let replica: UnitReplica;
  const handlers = new UnitReplicaHandlers();
  const today = '2026-01-15';
  let seq = 0;

  const envelope = <P>(type: string, payload: P) =>
    ({
      id: `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`, type, version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'AdministrativeUnitRegistry', aggregateId: 'administrative-unit-registry', unitCode: null,
      correlationId: '00000000-0000-7000-8000-000000000000', causationId: null, payload,
    }) as never;

  /** Delivers one event to a handler as the consumer would: in one transaction. */
  const deliver = (fn: (context: HandlerContext) => Promise<void>) =>
    dataSource.transaction((manager) => fn({ manager, message: {} as never, attempt: 1 }));

  beforeAll(async () => {
    db = await createTestDatabase('unit_replica');
    dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: unitReplicaMigrations, logging: ['error'] });
    await dataSource.initialize();
    await dataSource.runMigrations();
    replica = new UnitReplica(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** The readiness check `UnitReplicaHealth` registers, as `/health/ready` runs it. */
  const readiness = async (): Promise<true | string> => {
    const registry = new HealthRegistry();
    const health = new UnitReplicaHealth(replica, registry);
    health.onModuleInit();
    const [[name, check]] = registry.entries();
    expect(name).toBe(UNIT_REPLICA_HEALTH_CHECK);
    try {
      return (await check()) || 'down';
    } catch (error) {
      return (error as Error).message;
    } finally {
      health.onModuleDestroy();
    }
  };
  const imported = (announced: number) =>
    envelope('admin-unit.imported', adminUnitImported.schema.parse({
      importId: `import-${announced}`, dataset: 'data/admin-units', asOf: today, created: announced - 10, updated: 4, unchanged: 6, countsByLevel: {},
    })) as EventOf<typeof adminUnitImported>;

  it('starts empty, and not ready: merger announced nothing yet', async () => {
    expect(await replica.isEmpty()).toBe(true);
    expect(await replica.provinceOf('00004')).toBeUndefined();
    // Nothing can be checked yet, so nothing is accepted.
    await expect(new UnitResolver(replica).resolve('unitCode', '00004', today)).rejects.toMatchObject({ code: 'UNIT_REGISTRY_NOT_READY', httpStatus: 503 });
    expect(await replica.progress()).toEqual({ units: 0, announced: null });
    expect(await readiness()).toBe('no admin-unit.imported announcement from merger-service yet (0 units received)');
  });

  it('takes the real 14,149 units in admin-units.upserted chunks (the time is logged; speed is measured by the bench), and again idempotently', async () => {
    const units = realAdminUnits();
    expect(units).toHaveLength(14149);
    const events: EventOf<typeof adminUnitsUpserted>[] = [];
    for (let i = 0; i < units.length; i += ADMIN_UNITS_CHUNK_SIZE) {
      events.push(envelope('admin-units.upserted', adminUnitsUpserted.schema.parse({ units: units.slice(i, i + ADMIN_UNITS_CHUNK_SIZE) })));
    }
    expect(events).toHaveLength(15);
    const started = performance.now();
    // merger's import summary travels under its own key: here it arrives first, then the chunks.
    await deliver((context) => handlers.onUnitsImported(imported(units.length), context));
    for (const [index, event] of events.entries()) {
      await deliver((context) => handlers.onUnitsUpserted(event, context));
      if (index === 0) expect(await readiness()).toBe('1000 of the 14149 units merger-service announced');
    }
    const elapsed = performance.now() - started;
    console.log(`replica: 14,149 units in 15 chunks upserted in ${Math.round(elapsed)} ms`);
    expect(await replica.count()).toBe(14149);
    expect(await replica.progress()).toEqual({ units: 14149, announced: 14149 });
    expect(await readiness()).toBe(true);
    const [links] = await dataSource.query(`SELECT count(*)::int AS n FROM admin_unit_replica_link`);
    expect(links.n).toBeGreaterThan(10_000);
    // Redelivery of the whole registry changes nothing.
    for (const event of events.slice(0, 3)) await deliver((context) => handlers.onUnitsUpserted(event, context));
    expect(await replica.count()).toBe(14149);
  });

  it('answers a code together with a date: 00004 was Trúc Bạch (2024), is Ba Đình', async () => {
    expect(await replica.find('00004', '2024-05-01')).toMatchObject({
      name: 'Phường Trúc Bạch', level: 'COMMUNE', validFrom: '1900-01-01', validTo: '2025-06-30', parentCode: '001', parentValidFrom: '1900-01-01',
    });
    expect(await replica.find('00004', today)).toMatchObject({ name: 'Phường Ba Đình', validTo: null, parentCode: '01', type: 'Phường' });
    expect(await replica.find('00004')).toMatchObject({ name: 'Phường Ba Đình' });
    expect(await replica.exists('00001', '2024-05-01')).toBe(true);
    expect(await replica.exists('00001', today)).toBe(false);
    expect(await replica.exists('99999')).toBe(false);
    expect(await replica.exists('00004', '1800-01-01')).toBe(false);
  });

  describe('UnitResolver: every unit a record names is a unit on the record’s date', () => {
    const resolve = (code: string, date = today) => new UnitResolver(replica).resolve('unitCode', code, date);

    it('takes a unit in force as it is, the code read on the date (00004 is Ba Đình in 2026, Trúc Bạch in 2024)', async () => {
      expect(await resolve('00004')).toMatchObject({ code: '00004', resolution: { outcome: 'IN_FORCE', unit: { name: 'Phường Ba Đình' } } });
      expect(await resolve('00004', '2024-05-01')).toMatchObject({ code: '00004', resolution: { unit: { name: 'Phường Trúc Bạch' } } });
      expect(await resolve('00001', '2024-05-01')).toMatchObject({ code: '00001', resolution: { outcome: 'IN_FORCE', unit: { name: 'Phường Phúc Xá' } } });
      expect((await resolve('00001', '2024-05-01')).routedFromCode).toBeUndefined();
    });

    it('routes an abolished commune with one successor to it and says so (00001 Phúc Xá → 00097 Hồng Hà)', async () => {
      const routed = await resolve('00001');
      expect(routed).toMatchObject({
        code: '00097',
        routedFromCode: '00001',
        resolution: { outcome: 'ROUTED', unit: { code: '00097', name: 'Phường Hồng Hà' }, routedFrom: { code: '00001', name: 'Phường Phúc Xá', validTo: '2025-06-30' } },
      });
      expect(routed.note).toMatch(/00001 \(Phường Phúc Xá until 2025-06-30\) routed to its successor 00097 \(Phường Hồng Hà\)/);
      // An old province code too: 15 (Yên Bái) is Lào Cai's code since 2025-07-01, so it is in force; 02 (Hà Giang) went into 08 (Tuyên Quang).
      expect(await resolve('02')).toMatchObject({ code: '08', routedFromCode: '02' });
    });

    it('refuses a divided commune with all its successors (00007 → 00008, 00025)', async () => {
      const error = await resolve('00007').catch((e) => e);
      expect(error).toMatchObject({ code: 'UNIT_ABOLISHED', httpStatus: 422 });
      expect(error.details).toMatchObject({ field: 'unitCode', unitCode: '00007', date: today, abolished: { code: '00007', validTo: '2025-06-30' } });
      const expected = (await replica.currentUnitsFor('00007', '2024-05-01', today)).map((u) => ({ code: u.code, name: u.name }));
      expect(expected.map((u) => u.code)).toEqual(['00008', '00025']);
      expect(error.details.successors).toEqual(expected);
      expect(error.messageVi).toMatch(/00008/);
    });

    it('refuses codes that name no unit on the date with UNKNOWN_UNIT', async () => {
      for (const code of ['ZZZ', '99999', '']) {
        await expect(resolve(code)).rejects.toMatchObject({ code: 'UNKNOWN_UNIT', httpStatus: 422, details: { field: 'unitCode', unitCode: code, date: today } });
      }
      // A code from before any version of it: none in force, none ended.
      await expect(resolve('00004', '1800-01-01')).rejects.toMatchObject({ code: 'UNKNOWN_UNIT' });
    });
  });

  it('knows the province: a 2025 commune’s parent, a legacy commune’s grandparent, a province itself', async () => {
    expect(await replica.provinceOf('00004', today)).toBe('01');
    expect(await replica.provinceOf('00004', '2024-05-01')).toBe('01');
    expect(await replica.provinceOf('001', '2024-05-01')).toBe('01');
    expect(await replica.provinceOf('01')).toBe('01');
    // 15 was Yên Bái and is Lào Cai: both are their own province on their date.
    expect((await replica.find('15', '2024-05-01'))?.name).toBe('Tỉnh Yên Bái');
    expect(await replica.provinceOf('15', '2024-05-01')).toBe('15');
    // A Hồ Chí Minh City commune is not in Hà Nội.
    const hcm = (await dataSource.query(`SELECT code FROM admin_unit_replica WHERE parent_code = '79' AND valid_from = '2025-07-01' LIMIT 1`))[0].code;
    expect(await replica.provinceOf(hcm)).toBe('79');
    // An old code today answers with its successor's province (00001 merged into 00097).
    expect(await replica.provinceOf('00001', today)).toBe('01');
    expect(await replica.provinceOf('99999')).toBeUndefined();
  });

  it('follows successor links to the units in force', async () => {
    const names = (units: { code: string; name: string }[]) => units.map((u) => `${u.code} ${u.name}`);
    expect(names(await replica.currentUnitsFor('00004', '2024-05-01', today))).toEqual(['00004 Phường Ba Đình']);
    expect(names(await replica.currentUnitsFor('00004', today, today))).toEqual(['00004 Phường Ba Đình']);
    expect(names(await replica.currentUnitsFor('00001', '2024-05-01', today))).toEqual([expect.stringMatching(/^00097 /)]);
    const divided = await replica.currentUnitsFor('00007', '2024-05-01', today);
    expect(divided.length).toBeGreaterThanOrEqual(2);
    expect(names(divided)).toContainEqual(expect.stringMatching(/^00025 /));
    expect(await replica.currentUnitsFor('00004', '1800-01-01', today)).toEqual([]);
  });

  it('applies admin-unit.created and village.created, and a later upsert of the same version', async () => {
    await deliver((context) =>
      handlers.onUnitCreated(
        envelope('admin-unit.created', { code: '99001', name: 'Xã Thử', level: 'commune', validFrom: '2026-01-01', validTo: null, parent: { code: '01', validFrom: '2025-07-01' }, predecessors: [] }),
        context,
      ),
    );
    expect(await replica.find('99001', today)).toMatchObject({ level: 'COMMUNE', parentCode: '01' });
    expect(await replica.provinceOf('99001', today)).toBe('01');
    await deliver((context) =>
      handlers.onVillageCreated(
        envelope('village.created', { code: '00004-001', validFrom: '2026-01-02', name: 'Tổ dân phố số 1', type: 'Tổ dân phố', commune: { code: '00004', validFrom: '2025-07-01' } }),
        context,
      ),
    );
    expect(await replica.find('00004-001', today)).toMatchObject({ level: 'VILLAGE', type: 'Tổ dân phố', parentCode: '00004' });
    expect(await replica.provinceOf('00004-001', today)).toBe('01');
    await replica.upsert({ code: '99001', validFrom: '2026-01-01', name: 'Xã Thử Mới', level: 'COMMUNE', parentCode: '01', parentValidFrom: '2025-07-01' });
    expect((await replica.find('99001', today))?.name).toBe('Xã Thử Mới');
  });

  it('is not ready while it holds fewer units than merger announced last (a later import), ready once it holds them', async () => {
    const held = await replica.count();
    await deliver((context) => handlers.onUnitsImported(imported(held + 1), context));
    expect(await readiness()).toBe(`${held} of the ${held + 1} units merger-service announced`);
    await replica.upsert({ code: '99002', validFrom: '2026-02-01', name: 'Xã Thử Hai', level: 'COMMUNE', parentCode: '01', parentValidFrom: '2025-07-01' });
    expect(await readiness()).toBe(true);
  });
});

describe('UnitReplica readiness after an upgrade (real PostgreSQL)', () => {
  it('takes a replica filled before announcements were recorded as caught up with what it holds', async () => {
    const db = await createTestDatabase('unit_replica_upgrade');
    const old = new DataSource({ type: 'postgres', url: db.url, migrations: [CreateAdminUnitReplica1795300000000], logging: ['error'] });
    try {
      await old.initialize();
      await old.runMigrations();
      await new UnitReplica(old).upsert({ code: '01', name: 'Thành phố Hà Nội', level: 'PROVINCE' });
      await old.destroy();
      const upgraded = new DataSource({ type: 'postgres', url: db.url, migrations: unitReplicaMigrations, logging: ['error'] });
      await upgraded.initialize();
      try {
        await upgraded.runMigrations();
        expect(await new UnitReplica(upgraded).progress()).toEqual({ units: 1, announced: 1 });
      } finally {
        await upgraded.destroy();
      }
    } finally {
      if (old.isInitialized) await old.destroy();
      await db.drop();
    }
  });
});
