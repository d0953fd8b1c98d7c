import { Indicator, Scorecard } from './scorecard';
import { InvalidScorecardError, ScorecardIssue } from './scorecard-errors';
import { toHundredths } from './points';
import { validateBands } from './validate-bands';
import { validateComputation } from './validate-computation';

function pointsMismatch(code: 'SCORECARD_TOTAL_MISMATCH' | 'SCORECARD_GROUP_POINTS_MISMATCH' | 'SCORECARD_CRITERION_POINTS_MISMATCH', path: string, what: string, whatVi: string, stated: number, sum: number): ScorecardIssue {
  return {
    code,
    path,
    messageEn: `${what} states ${stated} points but its parts add up to ${sum}`,
    messageVi: `${whatVi} ghi ${stated} điểm nhưng tổng các thành phần là ${sum}`,
  };
}

function positivePoints(value: number): boolean {
  return Number.isFinite(value) && value > 0 && toHundredths(value) === Math.round(value * 100 * 1e6) / 1e6;
}

function validateIndicator(indicator: Indicator, path: string): ScorecardIssue[] {
  const issues: ScorecardIssue[] = [];
  if (!positivePoints(indicator.maxPoints)) {
    issues.push({
      code: 'SCORECARD_POINTS_OUT_OF_RANGE',
      path,
      messageEn: `Indicator ${indicator.code} must have more than 0 points, with at most 2 decimals`,
      messageVi: `Chỉ số ${indicator.code} phải có điểm tối đa lớn hơn 0, tối đa 2 chữ số thập phân`,
    });
  }
  if (!Number.isFinite(indicator.weight) || indicator.weight <= 0 || indicator.weight > 1) {
    issues.push({
      code: 'SCORECARD_WEIGHT_OUT_OF_RANGE',
      path,
      messageEn: `Indicator ${indicator.code} must have a weight above 0 and at most 1`,
      messageVi: `Chỉ số ${indicator.code} phải có trọng số lớn hơn 0 và không quá 1`,
    });
  }
  if (indicator.kind === 'MIXED' && !(positivePoints(indicator.computedMaxPoints) && indicator.computedMaxPoints < indicator.maxPoints)) {
    issues.push({
      code: 'SCORECARD_POINTS_OUT_OF_RANGE',
      path,
      messageEn: `Mixed indicator ${indicator.code}: the computed part must be above 0 and below the indicator's ${indicator.maxPoints} points`,
      messageVi: `Chỉ số hỗn hợp ${indicator.code}: phần tự động phải lớn hơn 0 và nhỏ hơn ${indicator.maxPoints} điểm của chỉ số`,
    });
  }
  if (indicator.kind === 'COMPUTED') issues.push(...validateComputation(indicator.computation, indicator.maxPoints, path));
  if (indicator.kind === 'MIXED') issues.push(...validateComputation(indicator.computation, indicator.computedMaxPoints, path));
  return issues;
}

function emptyIssue(path: string, what: string, whatVi: string): ScorecardIssue {
  return { code: 'SCORECARD_EMPTY', path, messageEn: `${what} has no parts`, messageVi: `${whatVi} không có thành phần nào` };
}

function validateHeader(scorecard: Scorecard): ScorecardIssue[] {
  const issues: ScorecardIssue[] = [];
  if (!Number.isInteger(scorecard.version) || scorecard.version < 1) {
    issues.push({ code: 'SCORECARD_VERSION_INVALID', path: 'version', messageEn: 'The version must be a whole number from 1', messageVi: 'Phiên bản phải là số nguyên từ 1' });
  }
  const { fromYear, toYear } = scorecard.validYears;
  if (!Number.isInteger(fromYear) || (toYear !== null && (!Number.isInteger(toYear) || toYear < fromYear))) {
    issues.push({
      code: 'SCORECARD_VALID_YEARS_INVALID',
      path: 'validYears',
      messageEn: 'Valid years must be whole years, the last not before the first',
      messageVi: 'Các năm áp dụng phải là năm nguyên, năm cuối không trước năm đầu',
    });
  }
  if (!positivePoints(scorecard.totalPoints)) {
    issues.push({ code: 'SCORECARD_POINTS_OUT_OF_RANGE', path: 'totalPoints', messageEn: 'The total must be above 0', messageVi: 'Tổng điểm phải lớn hơn 0' });
  }
  return issues;
}

function duplicateCodes(scorecard: Scorecard): ScorecardIssue[] {
  const seen = new Set<string>();
  const issues: ScorecardIssue[] = [];
  const check = (code: string, path: string) => {
    if (seen.has(code)) {
      issues.push({ code: 'SCORECARD_DUPLICATE_CODE', path, messageEn: `Code ${code} is used more than once`, messageVi: `Mã ${code} bị dùng nhiều lần` });
    }
    seen.add(code);
  };
  for (const group of scorecard.groups) {
    check(group.code, group.code);
    for (const criterion of group.criteria) {
      check(criterion.code, `${group.code}.${criterion.code}`);
      for (const indicator of criterion.indicators) check(indicator.code, `${group.code}.${criterion.code}.${indicator.code}`);
    }
  }
  const bandCodes = new Set<string>();
  for (const band of scorecard.bands) {
    if (bandCodes.has(band.code)) {
      issues.push({ code: 'SCORECARD_DUPLICATE_CODE', path: `bands.${band.code}`, messageEn: `Band code ${band.code} is used more than once`, messageVi: `Mã mức ${band.code} bị dùng nhiều lần` });
    }
    bandCodes.add(band.code);
  }
  return issues;
}

/** Every issue of a scorecard, in a stable order (header, structure and points, codes, bands). */
export function scorecardIssues(scorecard: Scorecard): ScorecardIssue[] {
  const issues = validateHeader(scorecard);
  if (scorecard.groups.length === 0) issues.push(emptyIssue('groups', 'The scorecard', 'Bộ tiêu chí'));
  let groupSum = 0;
  for (const group of scorecard.groups) {
    groupSum += toHundredths(group.maxPoints);
    if (group.criteria.length === 0) issues.push(emptyIssue(group.code, `Group ${group.code}`, `Nhóm ${group.code}`));
    let criterionSum = 0;
    for (const criterion of group.criteria) {
      const path = `${group.code}.${criterion.code}`;
      criterionSum += toHundredths(criterion.maxPoints);
      if (criterion.indicators.length === 0) issues.push(emptyIssue(path, `Criterion ${criterion.code}`, `Tiêu chí ${criterion.code}`));
      let indicatorSum = 0;
      for (const indicator of criterion.indicators) {
        issues.push(...validateIndicator(indicator, `${path}.${indicator.code}`));
        indicatorSum += toHundredths(indicator.maxPoints * indicator.weight);
      }
      if (criterion.indicators.length > 0 && indicatorSum !== toHundredths(criterion.maxPoints)) {
        issues.push(pointsMismatch('SCORECARD_CRITERION_POINTS_MISMATCH', path, `Criterion ${criterion.code}`, `Tiêu chí ${criterion.code}`, criterion.maxPoints, indicatorSum / 100));
      }
    }
    if (group.criteria.length > 0 && criterionSum !== toHundredths(group.maxPoints)) {
      issues.push(pointsMismatch('SCORECARD_GROUP_POINTS_MISMATCH', group.code, `Group ${group.code}`, `Nhóm ${group.code}`, group.maxPoints, criterionSum / 100));
    }
  }
  if (scorecard.groups.length > 0 && groupSum !== toHundredths(scorecard.totalPoints)) {
    issues.push(pointsMismatch('SCORECARD_TOTAL_MISMATCH', 'totalPoints', `Scorecard ${scorecard.code}`, `Bộ tiêu chí ${scorecard.code}`, scorecard.totalPoints, groupSum / 100));
  }
  issues.push(...duplicateCodes(scorecard), ...validateBands(scorecard.bands, scorecard.totalPoints));
  return issues;
}

export function assertValidScorecard(scorecard: Scorecard): void {
  const issues = scorecardIssues(scorecard);
  if (issues.length > 0) throw new InvalidScorecardError(issues);
}
