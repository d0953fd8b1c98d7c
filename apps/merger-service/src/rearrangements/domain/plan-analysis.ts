/**
 * A plan compiled against the registry: which unit versions it ends, which it creates (with their
 * parents resolved on the effective date), which links it writes, and which children follow their
 * parent to its new version. Pure; validation and the registry change both read it.
 */
import { type AdministrativeUnit, UnitLevel } from '../../units/domain/unit';
import { type PlanEntry, type RearrangementPlan, sourcesOf, type TargetUnit } from './plan';
import type { RegistrySnapshot } from './registry-snapshot';

/** A unit version the plan creates on the effective date, before its parent key is resolved. */
export interface CreatedUnit {
  code: string;
  name: string;
  type: string;
  level: UnitLevel | undefined;
  parentCode: string | null;
  entryIndex: number;
  /** Made by a MERGE/DIVIDE target definition, or a continuing unit's new version (RENAME, RECLASSIFY, MOVE, or a child following its parent). */
  origin: 'TARGET' | 'CONTINUATION' | 'CASCADE';
}

/** A predecessor → successor edge by codes (old code on the day before, new code on the effective date). */
export interface CodeEdge {
  from: string;
  to: string;
  divided: boolean;
  entryIndex: number;
}

export interface PlanSubject {
  code: string;
  entries: { index: number; kind: PlanEntry['kind'] }[];
}

export interface CompiledPlan {
  subjects: Map<string, PlanSubject>;
  created: Map<string, CreatedUnit>;
  /** Target codes defined twice. */
  duplicates: { code: string; entryIndex: number }[];
  edges: CodeEdge[];
  /** Where the children of an ended unit go (null: nowhere by rule — they must be entries themselves). */
  childrenGoTo: Map<string, string | null>;
  /** Village code → target code, from DIVIDE parts. */
  villageTargets: Map<string, { target: string; source: string; entryIndex: number }>;
}

const LEVEL_RANK: Record<string, number> = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2, VILLAGE: 3 };
export const levelRank = (level: string): number => LEVEL_RANK[level] ?? 9;

export function compilePlan(plan: Pick<RearrangementPlan, 'entries'>, registry: RegistrySnapshot): CompiledPlan {
  const subjects = new Map<string, PlanSubject>();
  const created = new Map<string, CreatedUnit>();
  const duplicates: { code: string; entryIndex: number }[] = [];
  const edges: CodeEdge[] = [];
  const childrenGoTo = new Map<string, string | null>();
  const villageTargets = new Map<string, { target: string; source: string; entryIndex: number }>();
  const dividedSources = new Set(plan.entries.flatMap((e) => (e.kind === 'DIVIDE' ? [e.source] : [])));
  const mergedPairs = new Set(plan.entries.flatMap((e) => (e.kind === 'MERGE' ? e.sources.map((s) => `${s}>${e.target.code}`) : [])));

  const levelOfSources = (codes: string[]): UnitLevel | undefined => registry.before(codes[0] ?? '')?.level;
  const define = (unit: CreatedUnit) => {
    if (created.has(unit.code)) duplicates.push({ code: unit.code, entryIndex: unit.entryIndex });
    else created.set(unit.code, unit);
  };
  const target = (t: TargetUnit, index: number, sources: string[]): CreatedUnit => ({
    code: t.code,
    name: t.name.normalize('NFC').trim(),
    type: t.type.normalize('NFC').trim(),
    level: t.level ?? levelOfSources(sources),
    parentCode: t.parentCode,
    entryIndex: index,
    origin: 'TARGET',
  });
  const continuation = (code: string, index: number, change: Partial<CreatedUnit>): void => {
    const before = registry.before(code);
    define({
      code,
      name: before?.name ?? code,
      type: before?.type ?? '',
      level: before?.level,
      parentCode: before?.parentCode ?? null,
      entryIndex: index,
      origin: 'CONTINUATION',
      ...change,
    });
  };

  plan.entries.forEach((entry, index) => {
    for (const code of sourcesOf(entry)) {
      const subject = subjects.get(code) ?? { code, entries: [] };
      subject.entries.push({ index, kind: entry.kind });
      subjects.set(code, subject);
    }
    switch (entry.kind) {
      case 'MERGE':
        define(target(entry.target, index, entry.sources));
        for (const source of entry.sources) {
          edges.push({ from: source, to: entry.target.code, divided: dividedSources.has(source), entryIndex: index });
          if (!dividedSources.has(source)) childrenGoTo.set(source, entry.target.code);
        }
        break;
      case 'DIVIDE':
        childrenGoTo.set(entry.source, null);
        for (const part of entry.parts) {
          if (part.unit) define(target({ ...part.unit, code: part.code }, index, [entry.source]));
          // Edges to parts defined by MERGE entries are written by those entries.
          if (!mergedPairs.has(`${entry.source}>${part.code}`)) edges.push({ from: entry.source, to: part.code, divided: true, entryIndex: index });
          for (const village of part.villageCodes ?? []) villageTargets.set(village, { target: part.code, source: entry.source, entryIndex: index });
        }
        break;
      case 'RENAME':
      case 'RECLASSIFY': {
        const newCode = entry.newCode ?? entry.code;
        const change: Partial<CreatedUnit> = { code: newCode };
        if (entry.kind === 'RENAME') change.name = entry.name.normalize('NFC').trim();
        else {
          change.type = entry.type.normalize('NFC').trim();
          if (entry.name) change.name = entry.name.normalize('NFC').trim();
        }
        continuation(entry.code, index, change);
        edges.push({ from: entry.code, to: newCode, divided: false, entryIndex: index });
        childrenGoTo.set(entry.code, newCode);
        break;
      }
      case 'MOVE':
        continuation(entry.code, index, { parentCode: entry.parentCode });
        edges.push({ from: entry.code, to: entry.code, divided: false, entryIndex: index });
        childrenGoTo.set(entry.code, entry.code);
        break;
      case 'ABOLISH':
        childrenGoTo.set(entry.code, null);
        break;
    }
  });

  // Children of ended units that are not entries themselves follow their parent to its new version
  // (same code, name and type), and so do their own children, level by level.
  let parents = [...childrenGoTo.entries()].filter(([, to]) => to !== null).map(([code, to]) => ({ code, to: to as string }));
  for (const [village, { target: to }] of villageTargets) {
    if (subjects.has(village) || !registry.before(village)) continue;
    cascade(village, to);
    parents.push({ code: village, to: village });
  }
  for (let depth = 0; parents.length > 0 && depth < 4; depth += 1) {
    const next: { code: string; to: string }[] = [];
    for (const parent of parents) {
      const before = registry.before(parent.code);
      if (!before) continue;
      for (const child of registry.childrenBefore(before)) {
        if (subjects.has(child.code) || created.has(child.code) || villageTargets.has(child.code)) continue;
        cascade(child.code, parent.to);
        next.push({ code: child.code, to: child.code });
      }
    }
    parents = next;
  }
  return { subjects, created, duplicates, edges, childrenGoTo, villageTargets };

  function cascade(code: string, parentCode: string): void {
    const before = registry.before(code) as AdministrativeUnit;
    created.set(code, {
      code,
      name: before.name,
      type: before.type,
      level: before.level,
      parentCode,
      entryIndex: -1,
      origin: 'CASCADE',
    });
    edges.push({ from: code, to: code, divided: false, entryIndex: -1 });
    childrenGoTo.set(code, code);
  }
}

/** Every code the plan ends (entries' sources and the children that follow them). */
export function endedCodes(compiled: CompiledPlan): Set<string> {
  const codes = new Set(compiled.subjects.keys());
  for (const unit of compiled.created.values()) if (unit.origin === 'CASCADE') codes.add(unit.code);
  return codes;
}

/** Level of a created unit (its own, else the level it continues). */
export const createdLevel = (unit: CreatedUnit): UnitLevel => unit.level ?? UnitLevel.COMMUNE;
