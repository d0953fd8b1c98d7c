import type { Band } from '../../scorecards/domain/scorecard';
import type { Cell } from './export-table';

export const RANKING_COLUMNS = ['Hạng', 'Mã xã', 'Tên xã', 'Tổng điểm', 'Mức đạt', 'Mã mức', 'Trạng thái'] as const;

const STATE_VI: Readonly<Record<string, string>> = {
  DRAFT: 'Đang tự đánh giá',
  SUBMITTED: 'Đã gửi',
  UNDER_REVIEW: 'Đang thẩm định',
  RETURNED: 'Trả lại',
  APPROVED: 'Đã thẩm định',
  RECOGNISED: 'Đã công nhận',
};

export const stateVi = (state: string): string => STATE_VI[state] ?? state;

export interface RankingExportRow {
  readonly rank: number;
  readonly unitCode: string;
  readonly total: number | null;
  readonly levelCode: string | null;
  readonly state: string;
}

/** One ranked commune as an export row (the level by its Vietnamese title; "Không đạt" below every band). */
export function rankingCells(row: RankingExportRow, unitName: string | undefined, bands: readonly Band[]): Cell[] {
  const band = bands.find((b) => b.code === row.levelCode);
  return [row.rank, row.unitCode, unitName ?? '', row.total, band ? band.titleVi : 'Không đạt', row.levelCode, stateVi(row.state)];
}
