import type { Assessment } from '../../assessments/domain/assessment';
import type { Cycle } from './cycle';

/** Cycles (joins the ambient transaction). */
export abstract class CycleRepository {
  /** Inserts the cycle and one DRAFT assessment per unit (set-based); false if the province already has one for the year and scorecard. */
  abstract insert(cycle: Cycle, drafts: readonly Assessment[]): Promise<boolean>;
  abstract get(id: string): Promise<Cycle | null>;
}
