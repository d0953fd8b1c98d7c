import { ScoreSheet } from '../../assessments/domain/score-sheet';

/** A commune's result in a cycle, as ranked and compared (the reviewed sheet once there is one). */
export interface UnitResult {
  readonly unitCode: string;
  readonly provinceCode: string;
  readonly total: number;
  readonly levelCode: string | null;
  readonly levelRank: number | null;
  readonly insufficientData: boolean;
}

export function unitResultOf(unitCode: string, provinceCode: string, sheet: ScoreSheet): UnitResult {
  return { unitCode, provinceCode, total: sheet.total, levelCode: sheet.levelCode, levelRank: sheet.levelRank, insufficientData: sheet.insufficientData };
}
