/**
 * The rules a plan must pass before it may be scheduled, checked against the registry as it stands
 * around the effective date. Pure; answers every problem found (never only the first).
 *
 * Sources are looked up on the day before the effective date. A source already ended on that day
 * counts as in force when the registry's links show THIS plan's effect (the plan was applied, or
 * its effect was imported as history, e.g. 2025); otherwise it was ended by something else.
 */
import { UNIT_TYPES, type AdministrativeUnit } from '../../units/domain/unit';
import type { RearrangementPlan } from './plan';
import { type CompiledPlan, compilePlan, createdLevel, endedCodes, levelRank } from './plan-analysis';
import { type PlanProblem, problem } from './plan-problems';
import type { RegistrySnapshot } from './registry-snapshot';

export interface PlanValidation {
  problems: PlanProblem[];
  compiled: CompiledPlan;
  /** Every source is already ended on the day before and linked as the plan says: its effect is in the registry. */
  alreadyInRegistry: boolean;
}

type Plan = Pick<RearrangementPlan, 'entries' | 'effectiveDate' | 'provinceCode'>;

export function validatePlanAgainst(plan: Plan, registry: RegistrySnapshot): PlanValidation {
  const problems: PlanProblem[] = [];
  const compiled = compilePlan(plan, registry);
  const ended = endedCodes(compiled);
  const eff = registry.effectiveDate;
  if (plan.entries.length === 0) problems.push(problem('EMPTY_PLAN', 'The plan has no entries', 'Phương án chưa có mục nào'));

  /** A unit that will be in force on the effective date: created by the plan, or in force and not ended by it. */
  const inForceAfter = (code: string): boolean => compiled.created.has(code) || (!!registry.onEffectiveDate(code) && !ended.has(code));

  const edgesFrom = new Map<string, typeof compiled.edges>();
  for (const edge of compiled.edges) edgesFrom.set(edge.from, [...(edgesFrom.get(edge.from) ?? []), edge]);
  const mergeTargetsOf = new Map<string, string[]>();
  for (const entry of plan.entries) {
    if (entry.kind === 'MERGE') for (const s of entry.sources) mergeTargetsOf.set(s, [...(mergeTargetsOf.get(s) ?? []), entry.target.code]);
  }
  let endedAlready = 0;
  for (const subject of compiled.subjects.values()) {
    const at = { entryIndex: subject.entries[0].index, unitCode: subject.code };
    const before = registry.before(subject.code);
    if (!before) {
      problems.push(problem('SOURCE_NOT_IN_FORCE', `Unit ${subject.code} is not in force on ${registry.dayBefore}`, `Đơn vị ${subject.code} không có hiệu lực vào ngày ${registry.dayBefore}`, at));
      continue;
    }
    if (before.validTo !== null && before.validTo < eff) {
      const linked = new Set(registry.successorLinksOf(before).map((l) => `${l.successorCode}@${l.successorValidFrom}`));
      const edges = edgesFrom.get(subject.code) ?? [];
      const applied = edges.every((e) => linked.has(`${e.to}@${eff}`) || linked.has(`${e.to}@${registry.onEffectiveDate(e.to)?.validFrom}`));
      if (applied) endedAlready += 1;
      else {
        problems.push(problem('SOURCE_NOT_IN_FORCE', `Unit ${subject.code} ends on ${before.validTo}, before ${eff}, by another change`, `Đơn vị ${subject.code} đã chấm dứt ngày ${before.validTo}, trước ${eff}, do thay đổi khác`, at));
      }
    }
    const kinds = subject.entries.map((e) => e.kind);
    const divides = kinds.filter((k) => k === 'DIVIDE').length;
    const merges = kinds.filter((k) => k === 'MERGE').length;
    if (subject.entries.length > 1 && !(divides === 1 && merges === kinds.length - 1)) {
      problems.push(problem('SOURCE_IN_SEVERAL_ENTRIES', `Unit ${subject.code} is in ${kinds.length} entries (${kinds.join(', ')}); a unit split among several targets needs one DIVIDE entry`, `Đơn vị ${subject.code} nằm trong ${kinds.length} mục (${kinds.join(', ')}); đơn vị bị chia cần đúng một mục DIVIDE`, at));
    }
    if (plan.provinceCode) {
      const province = registry.provinceOf(before);
      if (province && province.code !== plan.provinceCode) {
        problems.push(problem('OUTSIDE_PLAN_PROVINCE', `Unit ${subject.code} belongs to province ${province.code}, not to the plan's province ${plan.provinceCode}`, `Đơn vị ${subject.code} thuộc tỉnh ${province.code}, không thuộc tỉnh của phương án ${plan.provinceCode}`, at));
      }
    }
    // Children of a unit that is divided or abolished go nowhere by rule: each must be an entry (or a village given to a part).
    if (compiled.childrenGoTo.get(subject.code) === null) {
      for (const child of registry.childrenBefore(before)) {
        if (compiled.subjects.has(child.code) || compiled.villageTargets.has(child.code)) continue;
        problems.push(problem('UNIT_LEFT_WITHOUT_TARGET', `${child.type} ${child.name} (${child.code}) under ${subject.code} is given to no unit`, `${child.type} ${child.name} (${child.code}) thuộc ${subject.code} chưa được giao cho đơn vị nào`, { ...at, unitCode: child.code }));
      }
    }
  }

  plan.entries.forEach((entry, index) => {
    if (entry.kind === 'DIVIDE') {
      const at = { entryIndex: index, unitCode: entry.source };
      const partCodes = new Set(entry.parts.map((p) => p.code));
      for (const mergedInto of mergeTargetsOf.get(entry.source) ?? []) {
        if (!partCodes.has(mergedInto)) {
          problems.push(problem('DIVIDE_PARTS_MISMATCH', `${entry.source} is merged into ${mergedInto}, which is not one of its DIVIDE parts`, `${entry.source} được nhập vào ${mergedInto}, không thuộc các phần chia của nó`, at));
        }
      }
      if (entry.parts.length < 2) problems.push(problem('DIVIDE_PARTS_MISMATCH', `Dividing ${entry.source} needs at least two parts`, `Chia ${entry.source} cần ít nhất hai phần`, at));
      const source = registry.before(entry.source);
      const villages = new Set(source ? registry.childrenBefore(source).map((c) => c.code) : []);
      for (const part of entry.parts) {
        if (!inForceAfter(part.code)) problems.push(problem('TARGET_NOT_DEFINED', `Part ${part.code} of ${entry.source} is neither a target of the plan nor a unit in force on ${eff}`, `Phần ${part.code} của ${entry.source} không phải đơn vị mới của phương án hay đơn vị có hiệu lực ngày ${eff}`, at));
        for (const village of part.villageCodes ?? []) {
          if (!villages.has(village)) problems.push(problem('VILLAGE_NOT_OF_SOURCE', `Village ${village} is not in ${entry.source} on ${registry.dayBefore}`, `Thôn/tổ ${village} không thuộc ${entry.source} vào ngày ${registry.dayBefore}`, { ...at, unitCode: village }));
        }
      }
    }
    if (entry.kind === 'ABOLISH') {
      for (const code of entry.recordsTo ?? []) {
        if (!inForceAfter(code)) problems.push(problem('TARGET_NOT_DEFINED', `Records of ${entry.code} go to ${code}, which is not in force on ${eff}`, `Hồ sơ của ${entry.code} chuyển đến ${code}, đơn vị không có hiệu lực ngày ${eff}`, { entryIndex: index, unitCode: code }));
      }
    }
  });

  for (const dup of compiled.duplicates) {
    problems.push(problem('DUPLICATE_TARGET', `Unit ${dup.code} is created by more than one entry`, `Đơn vị ${dup.code} được tạo bởi nhiều mục`, { entryIndex: dup.entryIndex, unitCode: dup.code }));
  }

  for (const unit of compiled.created.values()) {
    const at = { entryIndex: unit.entryIndex >= 0 ? unit.entryIndex : undefined, unitCode: unit.code };
    const level = createdLevel(unit);
    const existing = registry.onEffectiveDate(unit.code);
    if (existing && existing.validFrom !== eff && !ended.has(unit.code)) {
      problems.push(problem('TARGET_CODE_CLASH', `Code ${unit.code} is already used by ${existing.name} in force on ${eff}`, `Mã ${unit.code} đang được dùng bởi ${existing.name} có hiệu lực ngày ${eff}`, at));
    }
    const starting = registry.startingOnEffectiveDate(unit.code);
    if (starting && !sameVersion(starting, unit, level)) {
      problems.push(problem('TARGET_CODE_CLASH', `Code ${unit.code} already names ${starting.name} from ${eff}`, `Mã ${unit.code} đã là mã của ${starting.name} từ ngày ${eff}`, at));
    }
    if (unit.origin !== 'CASCADE' && !UNIT_TYPES[level]?.includes(unit.type)) {
      problems.push(problem('TYPE_NOT_OF_LEVEL', `Type "${unit.type}" is not a type of ${level} (${UNIT_TYPES[level]?.join(', ')})`, `Loại "${unit.type}" không phải loại của cấp ${level} (${UNIT_TYPES[level]?.join(', ')})`, at));
    }
    checkParent(unit.code, unit.parentCode, level, at);
  }

  function checkParent(code: string, parentCode: string | null, level: string, at: { entryIndex?: number; unitCode?: string }): void {
    if (parentCode === null) {
      if (level !== 'PROVINCE') problems.push(problem('PARENT_NOT_IN_FORCE', `${code} (${level}) needs a parent`, `${code} (${level}) cần đơn vị cấp trên`, at));
      return;
    }
    const createdParent = compiled.created.get(parentCode);
    const parentLevel = createdParent ? createdLevel(createdParent) : registry.onEffectiveDate(parentCode)?.level;
    if (!inForceAfter(parentCode)) {
      const isProvince = parentLevel === 'PROVINCE' || parentCode.length === 2;
      problems.push(
        isProvince
          ? problem('TARGET_PROVINCE_NOT_IN_FORCE', `Province ${parentCode} of ${code} is not in force on ${eff}`, `Tỉnh ${parentCode} của ${code} không có hiệu lực ngày ${eff}`, at)
          : problem('PARENT_NOT_IN_FORCE', `Parent ${parentCode} of ${code} is not in force on ${eff}`, `Đơn vị cấp trên ${parentCode} của ${code} không có hiệu lực ngày ${eff}`, at),
      );
      return;
    }
    if (parentLevel && levelRank(parentLevel) >= levelRank(level)) {
      problems.push(problem('LEVEL_MISMATCH', `${code} (${level}) cannot be under ${parentCode} (${parentLevel})`, `${code} (${level}) không thể thuộc ${parentCode} (${parentLevel})`, at));
    }
    if (plan.provinceCode) {
      const province = provinceAfter(parentCode);
      if (province && province !== plan.provinceCode && !compiled.created.has(province)) {
        problems.push(problem('OUTSIDE_PLAN_PROVINCE', `${code} would be under province ${province}, not the plan's ${plan.provinceCode}`, `${code} sẽ thuộc tỉnh ${province}, không phải tỉnh của phương án ${plan.provinceCode}`, at));
      }
    }
  }

  function provinceAfter(code: string): string | undefined {
    let current: string | null = code;
    for (let depth = 0; current && depth < 8; depth += 1) {
      const made = compiled.created.get(current);
      if (made) {
        if (createdLevel(made) === 'PROVINCE') return made.code;
        current = made.parentCode;
        continue;
      }
      const unit = registry.onEffectiveDate(current);
      if (!unit) return undefined;
      return registry.provinceOf(unit)?.code;
    }
    return undefined;
  }

  const alreadyInRegistry = compiled.subjects.size > 0 && endedAlready === compiled.subjects.size;
  return { problems, compiled, alreadyInRegistry };
}

function sameVersion(existing: AdministrativeUnit, unit: { name: string; type: string; parentCode: string | null }, level: string): boolean {
  return existing.name === unit.name && existing.type === unit.type && existing.level === level && existing.parentCode === unit.parentCode;
}
