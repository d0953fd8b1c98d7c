import { type AdministrativeUnit, UnitLevel } from '../../units/domain/unit';
import type { PlanEntry } from './plan';
import { assertTransition, canTransition, PLAN_TRANSITIONS } from './plan-state-machine';
import { validatePlanAgainst } from './plan-validation';
import { registryChangeOf } from './registry-change';
import { RegistrySnapshot } from './registry-snapshot';
import { unitMovesOf } from './unit-moves';

const EFF = '2027-01-01';
const unit = (code: string, level: UnitLevel, name: string, type: string, parent: string | null, validFrom = '2025-07-01'): AdministrativeUnit => ({
  code, validFrom, validTo: null, level, type, name, parentCode: parent, parentValidFrom: parent ? '2025-07-01' : null,
});
// A province with a district-less structure, three communes, and two villages under one of them.
const UNITS = [
  unit('90', UnitLevel.PROVINCE, 'Tỉnh Thử', 'Tỉnh', null),
  unit('91', UnitLevel.PROVINCE, 'Tỉnh Khác', 'Tỉnh', null),
  unit('90001', UnitLevel.COMMUNE, 'Xã An', 'Xã', '90'),
  unit('90002', UnitLevel.COMMUNE, 'Xã Bình', 'Xã', '90'),
  unit('90003', UnitLevel.COMMUNE, 'Xã Châu', 'Xã', '90'),
  unit('90003-001', UnitLevel.VILLAGE, 'Thôn Một', 'Thôn', '90003'),
  unit('90003-002', UnitLevel.VILLAGE, 'Thôn Hai', 'Thôn', '90003'),
];
const registry = (units = UNITS, links: Parameters<typeof registryChangeOf>[1] extends never ? never : [] = []) => new RegistrySnapshot(EFF, units, links);
const check = (entries: PlanEntry[], provinceCode: string | null = '90', units = UNITS) => validatePlanAgainst({ entries, effectiveDate: EFF, provinceCode }, registry(units));
const codes = (entries: PlanEntry[], provinceCode: string | null = '90') => check(entries, provinceCode).problems.map((p) => p.code);

const merge: PlanEntry = { kind: 'MERGE', sources: ['90001', '90002'], target: { code: '90001', name: 'Xã An Bình', type: 'Xã', parentCode: '90' } };

describe('plan validation (pure)', () => {
  it('accepts a merge keeping a source code, and computes the change and the moves', () => {
    const result = check([merge]);
    expect(result.problems).toEqual([]);
    const change = registryChangeOf(result.compiled, registry());
    expect(change.ended.map((k) => k.code).sort()).toEqual(['90001', '90002']);
    expect(change.created).toEqual([{ code: '90001', validFrom: EFF, validTo: null, level: 'COMMUNE', type: 'Xã', name: 'Xã An Bình', parentCode: '90', parentValidFrom: '2025-07-01' }]);
    expect(change.endOn).toBe('2026-12-31');
    expect(unitMovesOf({ entries: [merge] })).toEqual([{ sourceCode: '90002', targets: [{ code: '90001' }], divided: false }]);
  });

  it('refuses sources not in force, codes in use, types not of the level, parents and provinces not in force', () => {
    expect(codes([{ kind: 'RENAME', code: '90999', name: 'Xã Không' }])).toContain('SOURCE_NOT_IN_FORCE');
    expect(codes([{ kind: 'RENAME', code: '90001', name: 'Xã Mới', newCode: '90002' }])).toContain('TARGET_CODE_CLASH');
    expect(codes([{ kind: 'RECLASSIFY', code: '90001', type: 'Quận' }])).toContain('TYPE_NOT_OF_LEVEL');
    expect(codes([{ kind: 'MOVE', code: '90001', parentCode: '99' }])).toContain('TARGET_PROVINCE_NOT_IN_FORCE');
    // The province merges into a new one: a target still naming the old province is refused; naming the new one, accepted.
    const province: PlanEntry = { kind: 'MERGE', sources: ['90'], target: { code: '92', name: 'Tỉnh Mới', type: 'Tỉnh', parentCode: null } };
    expect(codes([province, merge])).toEqual(['TARGET_PROVINCE_NOT_IN_FORCE']);
    const underNew: PlanEntry = { ...merge, target: { ...(merge as { target: object }).target, parentCode: '92' } } as PlanEntry;
    const moved = check([province, underNew]);
    expect(moved.problems).toEqual([]);
    // 90003 is no entry: it follows its province to a new version under 92 (and its villages under it).
    expect(registryChangeOf(moved.compiled, registry()).created.map((u) => [u.code, u.parentCode]).sort()).toEqual([
      ['90001', '92'], ['90003', '92'], ['90003-001', '90003'], ['90003-002', '90003'], ['92', null],
    ]);
    // The province ends, nothing takes its code: the commune's target hangs under nothing.
    expect(codes([{ kind: 'ABOLISH', code: '90' }, merge], null)).toEqual(expect.arrayContaining(['TARGET_PROVINCE_NOT_IN_FORCE', 'UNIT_LEFT_WITHOUT_TARGET']));
    expect(codes([{ kind: 'RENAME', code: '91', name: 'Tỉnh Khác Mới' }])).toContain('OUTSIDE_PLAN_PROVINCE');
    expect(codes([merge, { kind: 'RENAME', code: '90002', name: 'Xã Bình Mới' }])).toContain('SOURCE_IN_SEVERAL_ENTRIES');
    expect(codes([])).toEqual(['EMPTY_PLAN']);
  });

  it('divides a commune with its villages, and refuses a division that leaves a village without a target', () => {
    const divide: PlanEntry = {
      kind: 'DIVIDE',
      source: '90003',
      parts: [{ code: '90001', villageCodes: ['90003-001'] }, { code: '90002', villageCodes: ['90003-002'] }],
    };
    const ok = check([divide]);
    expect(ok.problems).toEqual([]);
    const change = registryChangeOf(ok.compiled, registry());
    // The villages get versions under their new communes (same code); the source's links are divided.
    expect(change.created.filter((u) => u.level === 'VILLAGE').map((u) => [u.code, u.parentCode, u.parentValidFrom])).toEqual([
      ['90003-001', '90001', '2025-07-01'],
      ['90003-002', '90002', '2025-07-01'],
    ]);
    expect(change.links.filter((l) => l.predecessorCode === '90003').every((l) => l.divided)).toBe(true);
    expect(unitMovesOf({ entries: [divide] })).toEqual([
      { sourceCode: '90003', targets: [{ code: '90001', villageCodes: ['90003-001'] }, { code: '90002', villageCodes: ['90003-002'] }], divided: true },
    ]);
    const half: PlanEntry = { kind: 'DIVIDE', source: '90003', parts: [{ code: '90001', villageCodes: ['90003-001'] }, { code: '90002' }] };
    expect(codes([half])).toEqual(['UNIT_LEFT_WITHOUT_TARGET']);
    const wrongVillage: PlanEntry = { kind: 'DIVIDE', source: '90003', parts: [{ code: '90001', villageCodes: ['90003-001', '90003-002', '90001-001'] }, { code: '90002' }] };
    expect(codes([wrongVillage])).toContain('VILLAGE_NOT_OF_SOURCE');
    expect(codes([{ kind: 'DIVIDE', source: '90003', parts: [{ code: '90001', villageCodes: ['90003-001', '90003-002'] }, { code: '90077' }] }])).toContain('TARGET_NOT_DEFINED');
  });

  it('recognises its own effect in the registry: applied, the plan still validates, and computes the same change', () => {
    const before = check([merge]);
    const change = registryChangeOf(before.compiled, registry());
    const ended = new Set(change.ended.map((k) => `${k.code}@${k.validFrom}`));
    const after = [...UNITS.map((u) => (ended.has(`${u.code}@${u.validFrom}`) ? { ...u, validTo: change.endOn } : u)), ...change.created];
    const applied = new RegistrySnapshot(EFF, after, change.links);
    const again = validatePlanAgainst({ entries: [merge], effectiveDate: EFF, provinceCode: '90' }, applied);
    expect(again.problems).toEqual([]);
    expect(again.alreadyInRegistry).toBe(true);
    expect(registryChangeOf(again.compiled, applied)).toEqual(change);
    // Ended by something else (no links of this plan): not in force.
    const endedElsewhere = new RegistrySnapshot(EFF, after, []);
    expect(validatePlanAgainst({ entries: [merge], effectiveDate: EFF, provinceCode: '90' }, endedElsewhere).problems.map((p) => p.code)).toContain('SOURCE_NOT_IN_FORCE');
  });
});

describe('plan state machine', () => {
  it('allows the saga path and its compensations, nothing out of APPLIED', () => {
    for (const [from, to] of [['DRAFT', 'VALIDATED'], ['VALIDATED', 'SCHEDULED'], ['SCHEDULED', 'APPLYING'], ['APPLYING', 'APPLIED'], ['APPLYING', 'FAILED'], ['FAILED', 'APPLYING'], ['FAILED', 'COMPENSATED'], ['FAILED', 'FAILED_TO_COMPENSATE'], ['FAILED_TO_COMPENSATE', 'COMPENSATED'], ['COMPENSATED', 'DRAFT']] as const) {
      expect(canTransition(from, to)).toBe(true);
    }
    expect(PLAN_TRANSITIONS.APPLIED).toEqual([]);
    expect(canTransition('DRAFT', 'SCHEDULED')).toBe(false);
    expect(() => assertTransition('APPLIED', 'COMPENSATED')).toThrow(expect.objectContaining({ code: 'PLAN_TRANSITION_NOT_ALLOWED', kind: 'conflict' }));
  });
});
