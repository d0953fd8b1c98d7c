import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { GetAssessment } from '../../assessments/application/get-assessment.query';
import { GetScorecard } from '../../scorecards/application/get-scorecard.query';
import type { Cell, ExportTable } from '../domain/export-table';
import { SCORECARD_COLUMNS, scorecardRows } from '../domain/scorecard-columns';

/** A commune's scorecard in a cycle as an export table, readable by whoever may read the assessment. */
@Injectable()
export class ExportScorecard {
  constructor(
    private readonly getAssessment: GetAssessment,
    private readonly getScorecard: GetScorecard,
  ) {}

  async execute(user: AuthUser, cycleId: string, unitCode: string): Promise<ExportTable> {
    const view = await this.getAssessment.execute(user, cycleId, unitCode);
    const a = view.assessment;
    const { scorecard } = await this.getScorecard.execute(a.scorecardCode, a.scorecardVersion);
    async function* rows(): AsyncGenerator<readonly Cell[]> {
      yield* scorecardRows(scorecard, view);
    }
    return {
      fileBase: `bang-diem-${a.year}-xa-${a.unitCode}-${a.cycleId.slice(0, 8)}`,
      sheetName: `Bảng điểm ${a.unitCode}`,
      columns: SCORECARD_COLUMNS,
      rows: rows(),
    };
  }
}
