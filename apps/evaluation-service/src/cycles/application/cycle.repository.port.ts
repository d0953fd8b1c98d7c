import type { Assessment, AssessmentState } from '../../assessments/domain/assessment';
import type { Cycle } from './cycle';

/** Cycles (joins the ambient transaction). */
export abstract class CycleRepository {
  /** Inserts the cycle and one DRAFT assessment per unit (set-based); false if the province already has one for the year and scorecard. */
  abstract insert(cycle: Cycle, drafts: readonly Assessment[]): Promise<boolean>;
  /** `lock`: FOR UPDATE (publication). */
  abstract get(id: string, lock?: boolean): Promise<Cycle | null>;
  /** How many of the cycle's assessments are in each state (one GROUP BY). */
  abstract stateCounts(id: string): Promise<Map<AssessmentState, number>>;
  abstract markPublished(id: string, by: string, at: Date): Promise<void>;
}
