/**
 * What applying a plan writes into the registry: old versions end the day before the effective
 * date, new versions start on it, links join them. Pure; computed from a validated plan and the
 * snapshot. The same plan and registry give the same change, applied or not (the writes are
 * upserts), which is what makes applying twice a no-op.
 */
import type { LocalDate } from '@xaso/calendar';
import { type AdministrativeUnit, type UnitKey, type UnitLink, unitKeyString } from '../../units/domain/unit';
import { type CompiledPlan, createdLevel, endedCodes } from './plan-analysis';
import type { RegistrySnapshot } from './registry-snapshot';

export interface RegistryChange {
  effectiveDate: LocalDate;
  /** validTo of these versions becomes the day before the effective date. */
  ended: UnitKey[];
  endOn: LocalDate;
  /** New versions from the effective date, parents before children. */
  created: AdministrativeUnit[];
  links: UnitLink[];
}

export function registryChangeOf(compiled: CompiledPlan, registry: RegistrySnapshot): RegistryChange {
  const eff = registry.effectiveDate;
  const keyAfter = (code: string): UnitKey | undefined =>
    compiled.created.has(code) ? { code, validFrom: eff } : (() => {
      const unit = registry.onEffectiveDate(code);
      return unit ? { code, validFrom: unit.validFrom } : undefined;
    })();

  const ended: UnitKey[] = [];
  for (const code of endedCodes(compiled)) {
    const before = registry.before(code);
    if (before) ended.push({ code, validFrom: before.validFrom });
  }

  const created: AdministrativeUnit[] = [];
  for (const unit of compiled.created.values()) {
    const parent = unit.parentCode ? keyAfter(unit.parentCode) : undefined;
    created.push({
      code: unit.code,
      validFrom: eff,
      validTo: null,
      level: createdLevel(unit),
      type: unit.type,
      name: unit.name,
      parentCode: parent ? parent.code : null,
      parentValidFrom: parent ? parent.validFrom : null,
    });
  }
  const rank: Record<string, number> = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2, VILLAGE: 3 };
  created.sort((a, b) => (rank[a.level] ?? 9) - (rank[b.level] ?? 9) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const links = new Map<string, UnitLink>();
  for (const edge of compiled.edges) {
    const from = registry.before(edge.from);
    const to = keyAfter(edge.to);
    if (!from || !to) continue;
    const link: UnitLink = {
      predecessorCode: from.code,
      predecessorValidFrom: from.validFrom,
      successorCode: to.code,
      successorValidFrom: to.validFrom,
      divided: edge.divided,
    };
    links.set(`${unitKeyString(from)}>${unitKeyString(to)}`, link);
  }
  return { effectiveDate: eff, ended, endOn: registry.dayBefore, created, links: [...links.values()] };
}
