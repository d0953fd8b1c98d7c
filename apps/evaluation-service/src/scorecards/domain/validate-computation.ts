import { Computation, MeasurementPeriod } from './scorecard';
import { ScorecardIssue } from './scorecard-errors';
import { toHundredths } from './points';

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validMonthDay(value: string): boolean {
  const m = MONTH_DAY.exec(value);
  if (!m) return false;
  const [month, day] = [Number(m[1]), Number(m[2])];
  // 02-29 is refused: the period must exist in every year.
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1] && !(month === 2 && day === 29);
}

function validPeriod(period: MeasurementPeriod): boolean {
  return validMonthDay(period.fromMonthDay) && validMonthDay(period.toMonthDay) && period.fromMonthDay <= period.toMonthDay;
}

/** Checks a computation whose curve scores up to `curveMaxPoints`. */
export function validateComputation(computation: Computation, curveMaxPoints: number, path: string): ScorecardIssue[] {
  const issues: ScorecardIssue[] = [];
  if (!computation.numerator?.trim() || computation.denominator?.trim() === '') {
    issues.push({
      code: 'SCORECARD_METRIC_MISSING',
      path: `${path}.computation`,
      messageEn: 'A computed indicator needs a numerator metric (and a non-empty denominator metric if any)',
      messageVi: 'Chỉ số tự động cần chỉ tiêu tử số (và chỉ tiêu mẫu số không rỗng nếu có)',
    });
  }
  if (!validPeriod(computation.period)) {
    issues.push({
      code: 'SCORECARD_PERIOD_INVALID',
      path: `${path}.computation.period`,
      messageEn: 'The measurement period must be two MM-DD days of the year, the first not after the second',
      messageVi: 'Kỳ đo phải là hai ngày MM-DD trong năm, ngày đầu không sau ngày cuối',
    });
  }
  const curve = computation.curve;
  const curveInvalid = (why: string, whyVi: string) =>
    issues.push({ code: 'SCORECARD_CURVE_INVALID', path: `${path}.computation.curve`, messageEn: `Scoring curve: ${why}`, messageVi: `Thang tính điểm: ${whyVi}` });
  if (curve.type === 'LINEAR') {
    if (!Number.isFinite(curve.worst) || !Number.isFinite(curve.best) || curve.worst === curve.best) {
      curveInvalid('the worst and best values must be different numbers', 'giá trị kém nhất và tốt nhất phải là hai số khác nhau');
    }
  } else if (curve.steps.length === 0) {
    curveInvalid('at least one threshold is needed', 'cần ít nhất một ngưỡng');
  } else {
    const max = toHundredths(curveMaxPoints);
    curve.steps.forEach((step, i) => {
      const prev = curve.steps[i - 1];
      if (!Number.isFinite(step.min) || !Number.isFinite(step.points) || step.points < 0 || toHundredths(step.points) > max) {
        curveInvalid(`threshold ${i + 1} must give 0 to ${curveMaxPoints} points`, `ngưỡng ${i + 1} phải cho từ 0 đến ${curveMaxPoints} điểm`);
      } else if (prev && (step.min <= prev.min || step.points < prev.points)) {
        curveInvalid('thresholds must rise (higher minimum, no fewer points)', 'các ngưỡng phải tăng dần (mức tối thiểu cao hơn, điểm không thấp hơn)');
      }
    });
  }
  return issues;
}
