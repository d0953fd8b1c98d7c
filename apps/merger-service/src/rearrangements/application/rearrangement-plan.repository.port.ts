import type { Keyset, KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { PlanEntry, PlanStatus, RearrangementPlan } from '../domain/plan';

/** A plan without its entries (lists, state changes). */
export type PlanSummary = Omit<RearrangementPlan, 'entries'> & { entryCount: number };

export interface PlanListFilter {
  status?: PlanStatus;
  /** Plans of this province (and national ones when `includeNational`). */
  provinceCode?: string;
}

/** Plans page newest first: (createdAt DESC, id DESC). */
export const PLAN_KEYSET_ARITY = 2;
export const planKeyset = (plan: Pick<PlanSummary, 'createdAt' | 'id'>): Keyset => [plan.createdAt, plan.id];

/** An entry with its position in the plan (0-based). */
export interface IndexedEntry {
  index: number;
  entry: PlanEntry;
}
export const ENTRY_KEYSET_ARITY = 1;
export const entryKeyset = (e: IndexedEntry): Keyset => [e.index];

/** Port: rearrangement plans and their entries. Joins the ambient transaction. */
export abstract class RearrangementPlanRepository {
  /** The plan with all its entries, or null. */
  abstract get(id: string): Promise<RearrangementPlan | null>;
  abstract summary(id: string): Promise<PlanSummary | null>;
  /** Inserts the plan or replaces it (header and all entries), set-based. */
  abstract save(plan: RearrangementPlan): Promise<void>;
  /** Appends entries after the last one; only while the plan is in `expected` (PLAN_STATE_CHANGED otherwise). */
  abstract appendEntries(id: string, expected: PlanStatus, entries: PlanEntry[]): Promise<PlanSummary>;
  /**
   * Compare-and-set of the state: `from → to` must be an allowed transition
   * (PLAN_TRANSITION_NOT_ALLOWED) and the plan must still be in `from` (PLAN_STATE_CHANGED; PLAN_NOT_FOUND).
   */
  abstract setStatus(id: string, from: PlanStatus, to: PlanStatus): Promise<PlanSummary>;
  abstract list(filter: PlanListFilter, page: KeysetPageRequest): Promise<KeysetSlice<PlanSummary>>;
  abstract entries(id: string, page: KeysetPageRequest): Promise<KeysetSlice<IndexedEntry>>;
  /** The plan with this resolution number and effective date (loading a published plan twice finds it). */
  /** Flags the plan as imported history (its effect was in the registry before it was loaded). */
  abstract markImported(id: string): Promise<void>;
  abstract findByResolution(resolutionNumber: string, effectiveDate: string): Promise<PlanSummary | null>;
}
