import type { AssessmentView } from '../../assessments/application/assessment-view';
import { type Indicator, indicatorsOf, type Scorecard } from '../../scorecards/domain/scorecard';
import type { Cell } from './export-table';
import { stateVi } from './ranking-columns';

export const SCORECARD_COLUMNS = [
  'Mã nhóm', 'Nhóm tiêu chí', 'Mã tiêu chí', 'Tiêu chí', 'Mã chỉ số', 'Chỉ số', 'Loại', 'Trọng số', 'Điểm tối đa',
  'Tử số', 'Mẫu số', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Nhận xét thẩm định', 'Minh chứng',
] as const;

const KIND_VI: Readonly<Record<Indicator['kind'], string>> = { MANUAL: 'Tự chấm', COMPUTED: 'Tính từ dữ liệu', MIXED: 'Kết hợp' };

/**
 * A commune's scorecard as rows: one per indicator (self-assessed and reviewed points side by
 * side, the measured numerator/denominator frozen at submission, the reviewer's comment, the
 * evidence references), then one per group, then the total with the level and the state.
 */
export function* scorecardRows(scorecard: Scorecard, view: AssessmentView): Generator<Cell[]> {
  const { assessment: a, self, reviewed } = view;
  const groupOf = new Map(scorecard.groups.map((g) => [g.code, g]));
  const criterionOf = new Map(scorecard.groups.flatMap((g) => g.criteria.map((c) => [c.code, c] as const)));
  const selfOf = new Map(self.indicators.map((s) => [s.indicatorCode, s]));
  const reviewedOf = new Map(reviewed.indicators.map((s) => [s.indicatorCode, s]));
  for (const { groupCode, criterionCode, indicator } of indicatorsOf(scorecard)) {
    const measured = a.measured?.[indicator.code] ?? null;
    const evidence = (a.manual[indicator.code]?.evidence ?? []).map((e) => e.reference).join('; ');
    yield [
      groupCode, groupOf.get(groupCode)?.titleVi ?? '', criterionCode, criterionOf.get(criterionCode)?.titleVi ?? '',
      indicator.code, indicator.titleVi, KIND_VI[indicator.kind], indicator.weight, indicator.maxPoints,
      measured ? measured.numerator : null, measured ? measured.denominator : null,
      selfOf.get(indicator.code)?.weightedPoints ?? null, reviewedOf.get(indicator.code)?.weightedPoints ?? null,
      a.reviews[indicator.code]?.comment ?? '', evidence,
    ];
  }
  const reviewedGroup = new Map(reviewed.groups.map((g) => [g.code, g.points]));
  for (const g of self.groups) {
    yield [g.code, `Cộng nhóm: ${groupOf.get(g.code)?.titleVi ?? ''}`, null, null, null, null, null, null, g.maxPoints, null, null, g.points, reviewedGroup.get(g.code) ?? null, '', ''];
  }
  const level = (code: string | null) => scorecard.bands.find((b) => b.code === code)?.titleVi ?? (code ? code : 'Không đạt');
  yield [null, 'Tổng cộng', null, null, null, null, null, null, scorecard.totalPoints, null, null, self.total, reviewed.total, '', ''];
  yield [null, 'Mức đạt', null, null, null, null, null, null, null, null, null, level(self.levelCode), level(reviewed.levelCode), '', ''];
  yield [null, 'Trạng thái', null, null, null, null, null, null, null, null, null, null, null, stateVi(a.state), ''];
}
