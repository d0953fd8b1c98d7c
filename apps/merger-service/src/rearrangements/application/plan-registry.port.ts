import type { LocalDate } from '@xaso/calendar';
import type { UnitKey, UnitLink } from '../../units/domain/unit';
import type { RegistryChange } from '../domain/registry-change';
import type { RegistrySnapshot } from '../domain/registry-snapshot';

/** What one application of a plan actually wrote (kept per plan, so the compensation undoes exactly that). */
export interface AppliedRegistryChange {
  /** Versions whose validTo this application set, with the value before. */
  ended: (UnitKey & { previousValidTo: LocalDate | null })[];
  /** Versions this application inserted (a version that already existed is not listed). */
  inserted: UnitKey[];
  /** Links this application inserted. */
  links: UnitLink[];
}

export const isEmptyChange = (c: AppliedRegistryChange): boolean => c.ended.length === 0 && c.inserted.length === 0 && c.links.length === 0;

/** Port: the registry as a plan reads and writes it, set-based. Joins the ambient transaction. */
export abstract class PlanRegistry {
  /** Unit versions in force on the day before `effectiveDate` or on it (and their outgoing links), in one query. */
  abstract snapshotAround(effectiveDate: LocalDate): Promise<RegistrySnapshot>;
  /** Serialises registry changes (transaction-scoped advisory lock). */
  abstract lock(): Promise<void>;
  /** Ends, inserts and links as `change` says; only rows that differ are written. */
  abstract apply(change: RegistryChange): Promise<AppliedRegistryChange>;
  /** Undoes `applied`: deletes its links and versions, restores validTo. */
  abstract revert(applied: AppliedRegistryChange): Promise<void>;
  /** Keeps what a plan's application wrote (a second application that wrote nothing keeps the first record). */
  abstract recordApplied(planId: string, applied: AppliedRegistryChange): Promise<void>;
  abstract appliedOf(planId: string): Promise<AppliedRegistryChange | null>;
  abstract forgetApplied(planId: string): Promise<void>;
}
