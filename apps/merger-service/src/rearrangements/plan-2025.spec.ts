/**
 * The real 2025 rearrangement, from data/admin-units, as a plan: validated against the registry
 * as imported (2025 already in it: "already in the registry") and against a registry holding only
 * the legacy units (open-ended, as on 2025-06-30), where the change it computes is the 2025 import.
 */
import { planImport } from '../units/domain/import-plan';
import type { AdministrativeUnit } from '../units/domain/unit';
import { readAdminUnitFiles } from '../units/infrastructure/csv-source';
import { plan2025Entries, PLAN_2025 } from './domain/plan-2025';
import { validatePlanAgainst } from './domain/plan-validation';
import { registryChangeOf } from './domain/registry-change';
import { RegistrySnapshot } from './domain/registry-snapshot';
import { unitMovesOf } from './domain/unit-moves';

const files = readAdminUnitFiles();
const imported = planImport(files.legacy, files.current, files.rearrangement);
const entries = plan2025Entries(files.legacy, files.current, files.rearrangement);
const plan = { entries, effectiveDate: PLAN_2025.effectiveDate, provinceCode: null };
const count = (units: { level: string }[], level: string) => units.filter((u) => u.level === level).length;

describe('the 2025 plan from the real data', () => {
  it('has one MERGE per new province and commune, a DIVIDE per divided commune, an ABOLISH per district without successor', () => {
    const kinds = entries.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.kind]: (acc[e.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ MERGE: 34 + 3321, DIVIDE: 471, ABOLISH: 696 - 5 });
  });

  it('validates clean against the registry as imported, which already shows its effect', () => {
    const registry = new RegistrySnapshot(PLAN_2025.effectiveDate, imported.units, imported.links);
    const validation = validatePlanAgainst(plan, registry);
    expect(validation.problems).toEqual([]);
    expect(validation.alreadyInRegistry).toBe(true);
    const change = registryChangeOf(validation.compiled, registry);
    // The same change as the import wrote: every new version and every link already there.
    const have = new Set(imported.links.map((l) => `${l.predecessorCode}@${l.predecessorValidFrom}>${l.successorCode}@${l.successorValidFrom}:${l.divided}`));
    expect(change.links.filter((l) => !have.has(`${l.predecessorCode}@${l.predecessorValidFrom}>${l.successorCode}@${l.successorValidFrom}:${l.divided}`))).toEqual([]);
  });

  describe('against a registry holding only the legacy units', () => {
    const legacyOnly: AdministrativeUnit[] = imported.units.filter((u) => u.validFrom < PLAN_2025.effectiveDate).map((u) => ({ ...u, validTo: null }));
    const registry = new RegistrySnapshot(PLAN_2025.effectiveDate, legacyOnly, []);
    const validation = validatePlanAgainst(plan, registry);

    it('validates clean and is not yet applied', () => {
      expect(validation.problems).toEqual([]);
      expect(validation.alreadyInRegistry).toBe(false);
    });

    it('ends 63 provinces, 696 districts and 10,035 communes; creates 34 provinces and 3,321 communes; writes the 10,602 + 63 links', () => {
      const change = registryChangeOf(validation.compiled, registry);
      const byKey = new Map(legacyOnly.map((u) => [`${u.code}@${u.validFrom}`, u]));
      const ended = change.ended.map((k) => byKey.get(`${k.code}@${k.validFrom}`)!);
      expect([count(ended, 'PROVINCE'), count(ended, 'DISTRICT'), count(ended, 'COMMUNE')]).toEqual([63, 696, 10_035]);
      expect([count(change.created, 'PROVINCE'), count(change.created, 'COMMUNE')]).toEqual([34, 3_321]);
      expect(change.endOn).toBe('2025-06-30');
      // Exactly the versions and links of the published 2025 structure.
      const key = (u: AdministrativeUnit) => `${u.code}|${u.name}|${u.type}|${u.level}|${u.parentCode}|${u.parentValidFrom}`;
      const published = imported.units.filter((u) => u.validFrom === PLAN_2025.effectiveDate).map(key).sort();
      expect(change.created.map(key).sort()).toEqual(published);
      const linkKey = (l: (typeof change.links)[number]) => `${l.predecessorCode}>${l.successorCode}:${l.divided}`;
      expect(change.links.map(linkKey).sort()).toEqual(imported.links.map(linkKey).sort());
    });

    it('moves the records of 471 divided communes to several targets each', () => {
      const moves = unitMovesOf(plan);
      const divided = moves.filter((m) => m.divided && m.sourceCode.length === 5);
      expect(divided).toHaveLength(471);
      expect(divided.every((m) => m.targets.length >= 2)).toBe(true);
      // A commune that kept its code and was not divided has no move (00004 Trúc Bạch → 00004 Ba Đình).
      expect(moves.find((m) => m.sourceCode === '00004')).toBeUndefined();
      expect(moves.find((m) => m.sourceCode === '00001')).toEqual({ sourceCode: '00001', targets: [{ code: '00097' }], divided: false });
      // Abolished districts hand their records to their communes' successors, decided per record.
      const baDinh = moves.find((m) => m.sourceCode === '001')!;
      expect(baDinh.divided).toBe(true);
      expect(baDinh.targets.map((t) => t.code)).toContain('00004');
    });
  });
});
