import type { Assessment } from '../domain/assessment';
import type { ScoreSheet } from '../domain/score-sheet';

/** Assessments with their history (joins the ambient transaction). */
export abstract class AssessmentRepository {
  /** The assessment with its whole history; `forUpdate` locks it until the transaction ends. */
  abstract get(cycleId: string, unitCode: string, forUpdate?: boolean): Promise<Assessment | null>;
  /** Writes the new state and the history entries after `previousSeq`; `result` is the sheet ranked (reviewed, else self). */
  abstract save(assessment: Assessment, previousSeq: number, result: ScoreSheet): Promise<void>;
}
