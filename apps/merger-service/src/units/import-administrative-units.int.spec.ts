import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { type MergerTestApp, startMergerTestApp } from '../../test/merger-test-app';
import { type ImportSummary, importUnits } from '../bootstrap';
import { CurrentUnitsFor } from './application/current-units-for.query';
import { GetAdministrativeUnit } from './application/get-administrative-unit.query';
import { ListAdministrativeUnits } from './application/list-administrative-units.query';
import { UnitLinkRepository } from './application/unit-link.repository.port';
import { adminUnitsDir, parseCsv } from './infrastructure/csv-source';

jest.setTimeout(120_000);

describe('importing the real administrative units', () => {
  let merger: MergerTestApp;
  let app: INestApplication;
  let first: ImportSummary;
  let dataSource: DataSource;
  const today = '2026-01-15';

  beforeAll(async () => {
    merger = await startMergerTestApp({ database: 'merger_import', importIfEmpty: false });
    app = merger.app;
    dataSource = merger.dataSource;
    first = await importUnits(app);
  });

  afterAll(async () => {
    await merger?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await dataSource.query(sql, params))[0].n);

  // How fast is the bench's business (npm run bench), not this test's: it logs the time only.
  it('loads every unit and link', () => {
    expect(first.units).toEqual({ total: 14149, created: 14149, updated: 0, unchanged: 0 });
    expect(first.links).toEqual({ total: 10602 + 63, derived: 63, created: 10665, updated: 0 });
    console.log(`import of 14,149 units and 10,665 links, with 15 admin-units.upserted events: ${first.elapsedMs} ms`);
  });

  it('counts units per level and date', async () => {
    const rows: { level: string; valid_from: string; n: string }[] = await dataSource.query(
      `SELECT level, valid_from::text, count(*) AS n FROM administrative_unit GROUP BY 1, 2 ORDER BY 2, 1`,
    );
    expect(rows.map((r) => [r.level, r.valid_from, Number(r.n)])).toEqual([
      ['COMMUNE', '1900-01-01', 10035],
      ['DISTRICT', '1900-01-01', 696],
      ['PROVINCE', '1900-01-01', 63],
      ['COMMUNE', '2025-07-01', 3321],
      ['PROVINCE', '2025-07-01', 34],
    ]);
    expect(await count(`SELECT count(*) AS n FROM administrative_unit WHERE valid_from = '1900-01-01' AND valid_to = '2025-06-30'`)).toBe(10794);
    expect(await count(`SELECT count(*) AS n FROM administrative_unit WHERE valid_from = '2025-07-01' AND valid_to IS NULL`)).toBe(3355);
    expect(await count(`SELECT count(*) AS n FROM unit_link`)).toBe(10665);
    expect(await count(`SELECT count(*) AS n FROM unit_link WHERE predecessor_code ~ '^\\d{2}$'`)).toBe(63);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await dataSource.query(`SELECT max(updated_at) AS t, count(*) AS n FROM administrative_unit`);
    const again = await importUnits(app);
    expect(again.units).toEqual({ total: 14149, created: 0, updated: 0, unchanged: 14149 });
    expect(again.links).toMatchObject({ created: 0, updated: 0 });
    expect(await dataSource.query(`SELECT max(updated_at) AS t, count(*) AS n FROM administrative_unit`)).toEqual(before);
    expect(again.announced).toEqual({ units: 0, events: 0 });
    // The first run: the registry in admin-units.upserted chunks plus one summary; none for the run that changed nothing.
    const events: { envelope: { type: string; aggregateId: string; payload: any } }[] = await dataSource.query(
      `SELECT envelope FROM outbox ORDER BY seq`,
    );
    expect(events).toHaveLength(16);
    expect(events.at(-1)!.envelope).toMatchObject({
      type: 'admin-unit.imported',
      source: 'merger',
      payload: { created: 14149, updated: 0, unchanged: 0, countsByLevel: { 'COMMUNE@2025-07-01': 3321 }, links: { total: 10665 } },
    });
  });

  it('announces every unit of the first run in admin-units.upserted chunks of at most 1,000, with successor links', async () => {
    expect(first.announced).toEqual({ units: 14149, events: 15 });
    const chunks: { envelope: { aggregateId: string; payload: { units: any[] } } }[] = await dataSource.query(
      `SELECT envelope FROM outbox WHERE envelope->>'type' = 'admin-units.upserted' ORDER BY seq`,
    );
    expect(chunks.map((c) => c.envelope.payload.units.length)).toEqual([...Array(14).fill(1000), 149]);
    expect(new Set(chunks.map((c) => c.envelope.aggregateId)).size).toBe(1);
    const units = chunks.flatMap((c) => c.envelope.payload.units);
    expect(new Set(units.map((u) => `${u.code}@${u.validFrom}`)).size).toBe(14149);
    expect(units).toContainEqual({
      code: '00004', validFrom: '2025-07-01', validTo: null, name: 'Phường Ba Đình', level: 'COMMUNE', type: 'Phường',
      parent: { code: '01', validFrom: '2025-07-01' }, successors: [],
    });
    const truc = units.find((u) => u.code === '00004' && u.validFrom === '1900-01-01');
    expect(truc).toMatchObject({ name: 'Phường Trúc Bạch', parent: { code: '001', validFrom: '1900-01-01' } });
    expect(truc.successors).toEqual([{ code: '00004', validFrom: '2025-07-01', divided: false }]);
    const divided = units.find((u) => u.code === '00007' && u.validFrom === '1900-01-01');
    expect(divided.successors.length).toBeGreaterThanOrEqual(2);
    expect(divided.successors.every((s: { divided: boolean }) => s.divided)).toBe(true);
    const predecessors = await count(`SELECT count(DISTINCT (predecessor_code, predecessor_valid_from)) AS n FROM unit_link`);
    expect(units.filter((u) => u.successors.length > 0)).toHaveLength(predecessors);
    expect(units.flatMap((u) => u.successors)).toHaveLength(10665);
  });

  it('announces only the rows an import changed', async () => {
    await dataSource.query(`UPDATE administrative_unit SET name = 'Renamed' WHERE code IN ('00004', '00025') AND valid_from = '2025-07-01'`);
    const third = await importUnits(app);
    expect(third.units).toMatchObject({ created: 0, updated: 2 });
    expect(third.announced).toEqual({ units: 2, events: 1 });
    const [last] = await dataSource.query(
      `SELECT envelope FROM outbox WHERE envelope->>'type' = 'admin-units.upserted' ORDER BY seq DESC LIMIT 1`,
    );
    expect(last.envelope.payload.units.map((u: { code: string; name: string }) => `${u.code} ${u.name}`).sort()).toEqual([
      '00004 Phường Ba Đình',
      expect.stringMatching(/^00025 /),
    ]);
  });

  it('answers for a code together with a date: 00004 was Trúc Bạch, is Ba Đình', async () => {
    const get = app.get(GetAdministrativeUnit);
    expect(await get.execute('00004', '2024-05-01')).toMatchObject({
      name: 'Phường Trúc Bạch', level: 'COMMUNE', validTo: '2025-06-30', parentCode: '001',
    });
    expect(await get.execute('00004', today)).toMatchObject({
      name: 'Phường Ba Đình', validFrom: '2025-07-01', validTo: null, parentCode: '01', parentValidFrom: '2025-07-01',
    });
    expect(await get.execute('15', '2024-05-01')).toMatchObject({ name: 'Tỉnh Yên Bái' });
    expect(await get.execute('15', today)).toMatchObject({ name: 'Tỉnh Lào Cai' });
    expect(await get.execute('001', today)).toBeNull();
    expect(await get.execute('99999', today)).toBeNull();
  });

  it('lists every successor of each of the 471 divided communes', async () => {
    const csv = parseCsv(readFileSync(join(adminUnitsDir(), 'rearrangement-2025.csv'), 'utf8'));
    const expected = new Map<string, string[]>();
    for (const row of csv.filter((r) => r.divided === 'true')) {
      expected.set(row.old_code, [...(expected.get(row.old_code) ?? []), row.new_commune_code].sort());
    }
    expect(expected.size).toBe(471);
    const keys = [...expected.keys()].map((code) => ({ code, validFrom: '1900-01-01' }));
    const linked = await app.get(UnitLinkRepository).successorsOf(keys);
    const actual = new Map(keys.map((k, i) => [k.code, linked[i].map((l) => l.unit.code).sort()]));
    expect(actual).toEqual(expected);
    expect(linked.every((list) => list.length >= 2 && list.every((l) => l.link.divided))).toBe(true);
  });

  it('searches accent- and case-insensitively', async () => {
    const list = app.get(ListAdministrativeUnits);
    const page = await list.execute({ search: 'ba dinh', level: 'COMMUNE' as never, asOf: today }, { first: 20, after: null });
    expect(page.items.map((u) => u.name)).toContain('Phường Ba Đình');
    const upper = await list.execute({ search: 'BA ĐÌNH', asOf: today }, { first: 20, after: null });
    expect(upper.items.map((u) => u.name)).toContain('Phường Ba Đình');
    expect(upper.totalCount).toBeGreaterThanOrEqual(page.totalCount);
    const legacy = await list.execute({ search: 'truc bach', asOf: '2024-05-01' }, { first: 20, after: null });
    expect(legacy.items.map((u) => [u.code, u.name])).toContainEqual(['00004', 'Phường Trúc Bạch']);
    const none = await list.execute({ search: 'truc bach', asOf: today }, { first: 20, after: null });
    expect(none.items.find((u) => u.code === '00004')).toBeUndefined();
  });

  it('pages with a keyset cursor and keeps the total', async () => {
    const list = app.get(ListAdministrativeUnits);
    const one = await list.execute({ level: 'PROVINCE' as never, asOf: today }, { first: 20, after: null });
    expect(one.totalCount).toBe(34);
    expect(one.hasNextPage).toBe(true);
    const two = await list.execute({ level: 'PROVINCE' as never, asOf: today }, { first: 20, after: [one.items[19].code] });
    expect(two.items).toHaveLength(14);
    expect(two.hasNextPage).toBe(false);
    expect(two.totalCount).toBe(34);
    const past = await list.execute({ level: 'PROVINCE' as never, asOf: today }, { first: 20, after: ['99'] });
    expect(past).toEqual({ items: [], totalCount: 34, hasNextPage: false });
    const hanoi = await list.execute({ parentCode: '01', asOf: '2024-05-01' }, { first: 100, after: null });
    expect(hanoi.totalCount).toBe(30); // Hà Nội's 30 districts before 2025-07-01
  });

  describe('currentUnitsFor', () => {
    const current = (code: string, asOf: string) =>
      app.get(CurrentUnitsFor).execute(code, asOf, today).then((units) => units.map((u) => `${u.code} ${u.name}`));

    it('answers a unit in force with itself', async () => {
      expect(await current('00004', today)).toEqual(['00004 Phường Ba Đình']);
    });
    it('follows a renamed unit (same code) and a merged one (other code)', async () => {
      expect(await current('00004', '2024-05-01')).toEqual(['00004 Phường Ba Đình']);
      expect(await current('00001', '2024-05-01')).toEqual([expect.stringMatching(/^00097 /)]);
    });
    it('answers every successor of a divided commune', async () => {
      const successors = await current('00007', '2024-05-01');
      expect(successors.length).toBeGreaterThanOrEqual(2);
      expect(successors).toContainEqual(expect.stringMatching(/^00025 /));
    });
    it('follows an island district to its special zone and a province to its successor', async () => {
      expect(await current('318', '2024-05-01')).toEqual([expect.stringMatching(/^11948 Đặc khu/)]);
      expect(await current('15', '2024-05-01')).toEqual(['15 Tỉnh Lào Cai']);
    });
    it('answers nothing for a code that named nothing that day', async () => {
      expect(await current('00004', '1800-01-01')).toEqual([]);
    });
  });
});
