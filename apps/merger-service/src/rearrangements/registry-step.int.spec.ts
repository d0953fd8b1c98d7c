/**
 * The registry step of applying a plan, on real PostgreSQL with the real 2025 data: the 2025 plan
 * loaded into a registry holding only the legacy units (as on 2025-06-30), applied (one
 * transaction, events through the outbox), applied again (nothing), reverted (exactly back), and
 * loaded into a registry that already holds 2025 as imported history (APPLIED, imported).
 */
import { InProcessTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import { Role } from '@xaso/auth';
import { type MergerTestApp, startMergerTestApp } from '../../test/merger-test-app';
import { UnitRepository } from '../units/application/unit.repository.port';
import { planImport } from '../units/domain/import-plan';
import { readAdminUnitFiles } from '../units/infrastructure/csv-source';
import { ApplyPlanToRegistry } from './application/apply-plan-to-registry.use-case';
import { Load2025Plan } from './application/load-2025-plan.use-case';
import { RearrangementPlanRepository } from './application/rearrangement-plan.repository.port';
import { RevertPlanInRegistry } from './application/revert-plan-in-registry.use-case';
import { unitMovesOf } from './domain/unit-moves';

jest.setTimeout(240_000);

const files = readAdminUnitFiles();
const admin = { sub: 'admin-spec', roles: [Role.ADMIN] };

interface Delivered {
  type: string;
  payload: { units: { code: string; validFrom: string; validTo: string | null }[] };
}

async function counts(merger: MergerTestApp) {
  const [row] = await merger.dataSource.query(`SELECT
    count(*) FILTER (WHERE level = 'COMMUNE' AND valid_from <= '2025-06-30' AND (valid_to IS NULL OR valid_to >= '2025-06-30'))::int AS "communesBefore",
    count(*) FILTER (WHERE level = 'COMMUNE' AND valid_from <= '2025-07-01' AND (valid_to IS NULL OR valid_to >= '2025-07-01'))::int AS "communesAfter",
    count(*) FILTER (WHERE level = 'PROVINCE' AND valid_from <= '2025-07-01' AND (valid_to IS NULL OR valid_to >= '2025-07-01'))::int AS "provincesAfter",
    count(*) FILTER (WHERE level = 'DISTRICT' AND valid_from <= '2025-07-01' AND (valid_to IS NULL OR valid_to >= '2025-07-01'))::int AS "districtsAfter",
    (SELECT count(*)::int FROM unit_link) AS links,
    (SELECT count(*)::int FROM unit_link WHERE divided) AS "dividedLinks"
    FROM administrative_unit`);
  return row;
}

describe('ApplyPlanToRegistry / RevertPlanInRegistry with the 2025 plan', () => {
  let merger: MergerTestApp;
  const delivered: Delivered[] = [];

  beforeAll(async () => {
    merger = await startMergerTestApp({ database: 'merger_plan_step', importIfEmpty: false });
    await new InProcessTransport(merger.bus).subscribe('replica-spec', ['xaso.merger.events.v1'], async (message) => {
      delivered.push(JSON.parse(message.value!));
    });
    // The registry as it stood on 2025-06-30: the three-tier units, open-ended.
    const legacy = planImport(files.legacy, [], []).units.map((u) => ({ ...u, validTo: null }));
    await merger.app.get(UnitRepository).upsertUnits(legacy);
  });

  afterAll(async () => {
    await merger?.close();
  });

  it('loads, validates, applies once, applies again as a no-op, reverts exactly', async () => {
    const loaded = await merger.app.get(Load2025Plan).execute({ ...files, user: admin });
    expect(loaded.created).toBe(true);
    expect(loaded.plan.status).toBe('VALIDATED');
    expect(loaded.report).toMatchObject({
      valid: true,
      alreadyInRegistry: false,
      endedByLevel: { PROVINCE: 63, DISTRICT: 696, COMMUNE: 10_035 },
      createdByLevel: { PROVINCE: 34, COMMUNE: 3_321 },
      links: 10_602 + 63,
    });
    const plans = merger.app.get(RearrangementPlanRepository);
    const plan = (await plans.get(loaded.plan.id))!;
    expect(plan.entries).toHaveLength(34 + 3_321 + 471 + 691);
    expect(unitMovesOf(plan).filter((m) => m.divided && m.sourceCode.length === 5)).toHaveLength(471);

    await plans.setStatus(plan.id, 'VALIDATED', 'SCHEDULED');
    await plans.setStatus(plan.id, 'SCHEDULED', 'APPLYING');
    await expect(plans.setStatus(plan.id, 'SCHEDULED', 'APPLYING')).rejects.toMatchObject({ code: 'PLAN_STATE_CHANGED' });
    expect(await counts(merger)).toMatchObject({ communesBefore: 10_035, communesAfter: 10_035, links: 0 });

    const apply = merger.app.get(ApplyPlanToRegistry);
    const first = await apply.execute(plan.id);
    expect(first).toMatchObject({ ended: 63 + 696 + 10_035, created: 34 + 3_321, links: 10_665, alreadyDone: false });
    expect(await counts(merger)).toEqual({ communesBefore: 10_035, communesAfter: 3_321, provincesAfter: 34, districtsAfter: 0, links: 10_665, dividedLinks: expect.any(Number) });
    // Replicas hear every changed version (ended ones with their successors, new ones).
    await waitUntil('the changed versions announced', () => delivered.filter((d) => d.type === 'admin-units.upserted').reduce((n, d) => n + d.payload.units.length, 0) >= 14_149);
    const announced = delivered.flatMap((d) => d.payload.units);
    expect(announced.find((u) => u.code === '00004' && u.validFrom === '1900-01-01')).toMatchObject({ validTo: '2025-06-30' });
    expect(announced.find((u) => u.code === '00004' && u.validFrom === '2025-07-01')).toMatchObject({ validTo: null });

    const eventsBefore = delivered.length;
    const second = await apply.execute(plan.id);
    expect(second).toEqual({ planId: plan.id, ended: 0, created: 0, links: 0, events: 0, alreadyDone: true });

    const revert = merger.app.get(RevertPlanInRegistry);
    const reverted = await revert.execute(plan.id);
    expect(reverted).toMatchObject({ created: 3_355, alreadyDone: false });
    expect(await counts(merger)).toMatchObject({ communesBefore: 10_035, communesAfter: 10_035, provincesAfter: 63, districtsAfter: 696, links: 0 });
    const withdrawnUnits = () => delivered.filter((d) => d.type === 'admin-units.withdrawn').flatMap((d) => d.payload.units);
    await waitUntil('the removed versions withdrawn', () => withdrawnUnits().length >= 3_355);
    const withdrawn = withdrawnUnits();
    expect(withdrawn.every((u) => u.validFrom === '2025-07-01')).toBe(true);
    expect(delivered.length).toBeGreaterThan(eventsBefore);
    expect(await revert.execute(plan.id)).toMatchObject({ alreadyDone: true });
  });
});

describe('the 2025 plan on a registry that holds 2025 as imported history', () => {
  let merger: MergerTestApp;

  beforeAll(async () => {
    merger = await startMergerTestApp({ database: 'merger_plan_imported', importIfEmpty: true });
  });

  afterAll(async () => {
    await merger?.close();
  });

  it('validates as of 2025-06-30, finds its effect in place and is APPLIED as imported; loading again answers the same plan', async () => {
    const load = merger.app.get(Load2025Plan);
    const loaded = await load.execute({ ...files, user: admin });
    expect(loaded.report).toMatchObject({ valid: true, alreadyInRegistry: true });
    expect(loaded.plan).toMatchObject({ status: 'APPLIED', imported: true, entryCount: 34 + 3_321 + 471 + 691, effectiveDate: '2025-07-01' });
    const again = await load.execute({ ...files, user: admin });
    expect(again).toMatchObject({ created: false, plan: { id: loaded.plan.id } });
    expect(await counts(merger)).toMatchObject({ communesBefore: 10_035, communesAfter: 3_321, links: 10_665 });
  });
});
