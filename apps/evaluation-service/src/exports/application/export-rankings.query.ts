import { Injectable } from '@nestjs/common';
import type { Keyset } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { CycleNotFoundError } from '../../cycles/application/cycle-errors';
import { CycleRepository } from '../../cycles/application/cycle.repository.port';
import { ResultsRepository } from '../../results/application/results.repository.port';
import { ResultsVisibility } from '../../results/application/results-visibility';
import { GetScorecard } from '../../scorecards/application/get-scorecard.query';
import type { Band } from '../../scorecards/domain/scorecard';
import type { Cell, ExportTable } from '../domain/export-table';
import { RANKING_COLUMNS, rankingCells } from '../domain/ranking-columns';
import { UnitNames } from './unit-names.port';

/** Rows per keyset page read while streaming. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * A province's ranking of a cycle as an export table, with the same authorization as the
 * `rankings` query (province staff; the province's communes once published). Rows come from
 * keyset pages of `EXPORT_PAGE_SIZE`, read as the writer asks for them.
 */
@Injectable()
export class ExportRankings {
  constructor(
    private readonly visibility: ResultsVisibility,
    private readonly results: ResultsRepository,
    private readonly cycles: CycleRepository,
    private readonly getScorecard: GetScorecard,
    private readonly unitNames: UnitNames,
  ) {}

  async execute(user: AuthUser, cycleId: string, provinceCode: string): Promise<ExportTable> {
    await this.visibility.assertMayRead(user, cycleId, provinceCode);
    const cycle = await this.cycles.get(cycleId);
    if (!cycle || cycle.provinceCode !== provinceCode) throw new CycleNotFoundError(cycleId);
    const { scorecard } = await this.getScorecard.execute(cycle.scorecardCode, cycle.scorecardVersion);
    return {
      fileBase: `xep-hang-${cycle.year}-tinh-${provinceCode}-${cycle.id.slice(0, 8)}`,
      sheetName: `Xếp hạng ${cycle.year}`,
      columns: RANKING_COLUMNS,
      rows: this.rows(cycleId, provinceCode, scorecard.bands),
    };
  }

  private async *rows(cycleId: string, provinceCode: string, bands: readonly Band[]): AsyncGenerator<readonly Cell[]> {
    let after: Keyset | null = null;
    for (;;) {
      const slice = await this.results.ranking(cycleId, provinceCode, { first: EXPORT_PAGE_SIZE, after });
      const names = await this.unitNames.namesOf(slice.items.map((r) => r.unitCode));
      for (const r of slice.items) yield rankingCells(r, names.get(r.unitCode), bands);
      const last = slice.items.at(-1);
      if (!slice.hasNextPage || !last) return;
      after = [last.total ?? 0, last.unitCode];
    }
  }
}
