/**
 * A rearrangement plan (phương án sắp xếp đơn vị hành chính): a legal basis, an effective date and
 * entries. Pure: no Nest, TypeORM or Kafka.
 *
 * Entries name units by code as they are in force on the day before the effective date (sources)
 * and define the unit versions that start on the effective date (targets).
 */
import type { LocalDate } from '@xaso/calendar';
import type { UnitLevel } from '../../units/domain/unit';

export const PLAN_STATUSES = [
  'DRAFT',
  'VALIDATED',
  'SCHEDULED',
  'APPLYING',
  'APPLIED',
  'FAILED',
  'COMPENSATED',
  'FAILED_TO_COMPENSATE',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_ENTRY_KINDS = ['MERGE', 'DIVIDE', 'RENAME', 'RECLASSIFY', 'MOVE', 'ABOLISH'] as const;
export type PlanEntryKind = (typeof PLAN_ENTRY_KINDS)[number];

export interface LegalBasis {
  /** e.g. `1656/NQ-UBTVQH15`. */
  resolutionNumber: string;
  resolutionDate: LocalDate;
}

/** A unit version the plan creates on the effective date. */
export interface TargetUnit {
  code: string;
  name: string;
  /** Phường, Xã, Đặc khu, Tỉnh, Thành phố, ... */
  type: string;
  /** The parent on the effective date (a unit in force then, or a target of the same plan); null for a province. */
  parentCode: string | null;
  /** Default: the level of its sources. */
  level?: UnitLevel;
}

/** Where a divided unit's part goes: a target of this plan (or a unit in force that receives it), with the villages it receives where known. */
export interface DivisionPart {
  code: string;
  villageCodes?: string[];
  /** Given when this part is a new unit defined here (not by a MERGE entry of the plan). */
  unit?: TargetUnit;
}

/** Several sources become one target (the target may keep one source's code). A divided source may also be listed: its DIVIDE entry says where its parts go. */
export interface MergeEntry {
  kind: 'MERGE';
  sources: string[];
  target: TargetUnit;
}

/** One source is split among several targets. */
export interface DivideEntry {
  kind: 'DIVIDE';
  source: string;
  parts: DivisionPart[];
}

/** A new name (and optionally a new code) for a unit that continues. */
export interface RenameEntry {
  kind: 'RENAME';
  code: string;
  name: string;
  newCode?: string;
}

/** A new type (xã → phường, huyện → thị xã), optionally with a new name and code. */
export interface ReclassifyEntry {
  kind: 'RECLASSIFY';
  code: string;
  type: string;
  name?: string;
  newCode?: string;
}

/** The unit moves to another parent (in force on the effective date, or a target of the plan). */
export interface MoveEntry {
  kind: 'MOVE';
  code: string;
  parentCode: string;
}

/** The unit ends with no successor (districts in 2025). `recordsTo`: the units its open records go to (several: decided per record). */
export interface AbolishEntry {
  kind: 'ABOLISH';
  code: string;
  recordsTo?: string[];
}

export type PlanEntry = MergeEntry | DivideEntry | RenameEntry | ReclassifyEntry | MoveEntry | AbolishEntry;

export interface RearrangementPlan {
  id: string;
  legalBasis: LegalBasis;
  effectiveDate: LocalDate;
  status: PlanStatus;
  /** The province the plan concerns (its staff may edit it); null: national, ADMIN only. */
  provinceCode: string | null;
  title: string | null;
  entries: PlanEntry[];
  /** The plan's effect was already in the registry when it was loaded (imported history, e.g. 2025). */
  imported: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The codes an entry ends (its sources). */
export function sourcesOf(entry: PlanEntry): string[] {
  switch (entry.kind) {
    case 'MERGE':
      return entry.sources;
    case 'DIVIDE':
      return [entry.source];
    default:
      return [entry.code];
  }
}
