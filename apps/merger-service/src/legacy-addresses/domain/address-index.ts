/**
 * An in-memory index of the registry's provinces, districts and communes by the keys people's
 * names reduce to (name-forms.ts), built once from one set-based load. Pure; every lookup takes
 * the day the address was written for (units in force on it).
 */
import type { LocalDate } from '@xaso/calendar';
import { type AdministrativeUnit, isInForce, type UnitLink, unitKeyString } from '../../units/domain/unit';
import { accentKey, foldKey, type NameLevel, type NameReading, PROVINCE_ALIASES, readName, unitCore } from './name-forms';

/** How a written name matched a unit, best first. */
export const MATCH_METHODS = ['EXACT', 'FOLDED', 'ABBREVIATED', 'PREFIX_STRIPPED', 'ALIAS', 'TYPE_DIFFERS', 'NOT_GIVEN'] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];
export const methodRank = (m: MatchMethod): number => MATCH_METHODS.indexOf(m);

export interface IndexedUnit {
  unit: AdministrativeUnit;
  key: string;
  core: string;
  accentedCore: string;
  whole: string;
  accentedWhole: string;
  parentKey: string | null;
  /** The province version above it (itself for a province). */
  provinceKey: string | null;
}

export interface UnitMatch {
  entry: IndexedUnit;
  method: MatchMethod;
}

const LEVELS: NameLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];

export class AddressIndex {
  private readonly byKey = new Map<string, IndexedUnit>();
  private readonly byCore = new Map<NameLevel, Map<string, IndexedUnit[]>>(LEVELS.map((l) => [l, new Map()]));
  private readonly byWhole = new Map<NameLevel, Map<string, IndexedUnit[]>>(LEVELS.map((l) => [l, new Map()]));
  private readonly provincesByCode = new Map<string, IndexedUnit[]>();
  private readonly successors = new Map<string, { key: string; divided: boolean }[]>();

  constructor(units: readonly AdministrativeUnit[], links: readonly UnitLink[]) {
    for (const unit of units) {
      if (!(LEVELS as string[]).includes(unit.level)) continue;
      const { core, accentedCore } = unitCore(unit.name, unit.type);
      const entry: IndexedUnit = {
        unit,
        key: unitKeyString(unit),
        core,
        accentedCore,
        whole: foldKey(unit.name),
        accentedWhole: accentKey(unit.name),
        parentKey: unit.parentCode && unit.parentValidFrom ? `${unit.parentCode}@${unit.parentValidFrom}` : null,
        provinceKey: null,
      };
      this.byKey.set(entry.key, entry);
      const level = unit.level as NameLevel;
      push(levelMap(this.byCore, level), core, entry);
      push(levelMap(this.byWhole, level), entry.whole, entry);
      if (level === 'PROVINCE') push(this.provincesByCode, unit.code, entry);
    }
    for (const entry of this.byKey.values()) entry.provinceKey = this.provinceAbove(entry)?.key ?? null;
    for (const link of links) {
      const from = `${link.predecessorCode}@${link.predecessorValidFrom}`;
      push(this.successors, from, { key: `${link.successorCode}@${link.successorValidFrom}`, divided: link.divided });
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string | null): IndexedUnit | undefined {
    return key ? this.byKey.get(key) : undefined;
  }

  private provinceAbove(entry: IndexedUnit): IndexedUnit | undefined {
    let current: IndexedUnit | undefined = entry;
    for (let depth = 0; current && depth < 6; depth += 1) {
      if (current.unit.level === 'PROVINCE') return current;
      current = this.get(current.parentKey);
    }
    return undefined;
  }

  /**
   * The units in force on `asOf` at `level` that `written` may name and `accept` lets through.
   * Accents written narrow the matches to the names with those accents (when any has them); a
   * type prefix written narrows them to units of that type (when any is).
   */
  lookup(level: NameLevel, written: string, asOf: LocalDate, accept: (entry: IndexedUnit) => boolean): UnitMatch[] {
    const found = new Map<string, UnitMatch & { accentOk: boolean }>();
    const consider = (entry: IndexedUnit, method: MatchMethod, accentOk: boolean) => {
      if (!isInForce(entry.unit, asOf) || !accept(entry)) return;
      const seen = found.get(entry.key);
      if (!seen) found.set(entry.key, { entry, method, accentOk });
      else {
        if (methodRank(method) < methodRank(seen.method)) seen.method = method;
        seen.accentOk ||= accentOk;
      }
    };
    for (const reading of readName(written, level)) this.considerReading(level, reading, consider);
    let matches = [...found.values()];
    if (matches.some((m) => m.accentOk)) matches = matches.filter((m) => m.accentOk);
    if (matches.some((m) => m.method !== 'TYPE_DIFFERS')) matches = matches.filter((m) => m.method !== 'TYPE_DIFFERS');
    return matches.map(({ entry, method }) => ({ entry, method })).sort((a, b) => (a.entry.key < b.entry.key ? -1 : 1));
  }

  private considerReading(level: NameLevel, reading: NameReading, consider: (e: IndexedUnit, m: MatchMethod, accentOk: boolean) => void): void {
    const accentOk = (accented: string) => reading.accentedCore === null || reading.accentedCore === accented;
    if (reading.types === null) {
      for (const entry of levelMap(this.byWhole, level).get(reading.whole) ?? []) {
        const ok = accentOk(entry.accentedWhole);
        consider(entry, ok && reading.accentedCore !== null ? 'EXACT' : 'FOLDED', ok);
      }
      for (const entry of levelMap(this.byCore, level).get(reading.core) ?? []) consider(entry, 'PREFIX_STRIPPED', accentOk(entry.accentedCore));
      if (level === 'PROVINCE') {
        const code = PROVINCE_ALIASES[reading.whole];
        for (const entry of code ? (this.provincesByCode.get(code) ?? []) : []) consider(entry, 'ALIAS', true);
      }
      return;
    }
    for (const entry of levelMap(this.byCore, level).get(reading.core) ?? []) {
      const ok = accentOk(entry.accentedCore);
      const method: MatchMethod = !reading.types.includes(entry.unit.type)
        ? 'TYPE_DIFFERS'
        : reading.abbreviated
          ? 'ABBREVIATED'
          : ok && reading.accentedCore !== null
            ? 'EXACT'
            : 'FOLDED';
      consider(entry, method, ok);
    }
    if (level === 'PROVINCE') {
      const code = PROVINCE_ALIASES[reading.core];
      for (const entry of code ? (this.provincesByCode.get(code) ?? []) : []) consider(entry, 'ALIAS', true);
    }
  }

  /** The unit version followed along successor links to the versions in force on `today` (itself when still in force). */
  currentUnits(entry: IndexedUnit, today: LocalDate): { units: IndexedUnit[]; divided: boolean } {
    const out = new Map<string, IndexedUnit>();
    let divided = false;
    let frontier = [entry.key];
    const seen = new Set<string>();
    for (let depth = 0; frontier.length > 0 && depth < 16; depth += 1) {
      const next: string[] = [];
      for (const key of frontier) {
        if (seen.has(key)) continue;
        seen.add(key);
        const unit = this.byKey.get(key);
        if (!unit) continue;
        if (isInForce(unit.unit, today)) {
          out.set(key, unit);
          continue;
        }
        for (const s of this.successors.get(key) ?? []) {
          divided ||= s.divided;
          next.push(s.key);
        }
      }
      frontier = next;
    }
    const units = [...out.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    return { units, divided: divided || units.length > 1 };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function levelMap(maps: Map<NameLevel, Map<string, IndexedUnit[]>>, level: NameLevel): Map<string, IndexedUnit[]> {
  let map = maps.get(level);
  if (!map) maps.set(level, (map = new Map()));
  return map;
}
