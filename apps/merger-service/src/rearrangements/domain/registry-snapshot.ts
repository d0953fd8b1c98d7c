/**
 * The part of the registry a plan is checked and applied against: every unit version in force on
 * the day before the effective date or on it, with their outgoing links. Pure index over rows the
 * repository loads in one set-based query.
 */
import { addDays, type LocalDate } from '@xaso/calendar';
import { type AdministrativeUnit, isInForce, type UnitLink, unitKeyString } from '../../units/domain/unit';

export class RegistrySnapshot {
  /** The day before the effective date: sources are looked up on it. */
  readonly dayBefore: LocalDate;
  private readonly byCode = new Map<string, AdministrativeUnit[]>();
  private readonly children = new Map<string, AdministrativeUnit[]>();
  private readonly successors = new Map<string, UnitLink[]>();

  constructor(
    readonly effectiveDate: LocalDate,
    units: readonly AdministrativeUnit[],
    links: readonly UnitLink[],
  ) {
    this.dayBefore = addDays(effectiveDate, -1);
    for (const unit of units) {
      const versions = this.byCode.get(unit.code) ?? [];
      versions.push(unit);
      this.byCode.set(unit.code, versions);
      if (unit.parentCode && unit.parentValidFrom) {
        const key = unitKeyString({ code: unit.parentCode, validFrom: unit.parentValidFrom });
        const list = this.children.get(key) ?? [];
        list.push(unit);
        this.children.set(key, list);
      }
    }
    for (const link of links) {
      const key = unitKeyString({ code: link.predecessorCode, validFrom: link.predecessorValidFrom });
      const list = this.successors.get(key) ?? [];
      list.push(link);
      this.successors.set(key, list);
    }
  }

  /** The version of `code` in force on `day` (the snapshot holds the two days around the effective date). */
  versionOn(code: string, day: LocalDate): AdministrativeUnit | undefined {
    return this.byCode.get(code)?.find((u) => isInForce(u, day));
  }

  /** In force on the day before the effective date: what a source must be. */
  before(code: string): AdministrativeUnit | undefined {
    return this.versionOn(code, this.dayBefore);
  }

  /** In force on the effective date as the registry stands. */
  onEffectiveDate(code: string): AdministrativeUnit | undefined {
    return this.versionOn(code, this.effectiveDate);
  }

  /** The version of `code` starting exactly on the effective date, if the registry has one. */
  startingOnEffectiveDate(code: string): AdministrativeUnit | undefined {
    return this.byCode.get(code)?.find((u) => u.validFrom === this.effectiveDate);
  }

  /** Children of a unit version that were in force on the day before the effective date. */
  childrenBefore(unit: AdministrativeUnit): AdministrativeUnit[] {
    return (this.children.get(unitKeyString(unit)) ?? []).filter((c) => isInForce(c, this.dayBefore));
  }

  successorLinksOf(unit: AdministrativeUnit): UnitLink[] {
    return this.successors.get(unitKeyString(unit)) ?? [];
  }

  /** The province above a unit version (itself for a province), following parent keys. */
  provinceOf(unit: AdministrativeUnit): AdministrativeUnit | undefined {
    let current: AdministrativeUnit | undefined = unit;
    for (let depth = 0; current && depth < 8; depth += 1) {
      if (current.level === 'PROVINCE') return current;
      if (!current.parentCode || !current.parentValidFrom) return undefined;
      const parentKey: string = current.parentValidFrom;
      current = this.byCode.get(current.parentCode)?.find((u) => u.validFrom === parentKey);
    }
    return undefined;
  }
}
