import { Band } from './scorecard';
import { ScorecardIssue } from './scorecard-errors';
import { toHundredths } from './points';

/**
 * Bands must tile [lowest min, total] with no overlap and no gap, each [min, max) except the top
 * one, which ends at the total inclusive; ranks rise with the scores. Below the lowest band is
 * "not recognised", so the lowest min may be above 0.
 */
export function validateBands(bands: readonly Band[], totalPoints: number): ScorecardIssue[] {
  if (bands.length === 0) {
    return [{ code: 'SCORECARD_BANDS_EMPTY', path: 'bands', messageEn: 'The scorecard has no bands (levels)', messageVi: 'Bộ tiêu chí chưa có thang xếp loại (mức)' }];
  }
  const issues: ScorecardIssue[] = [];
  const total = toHundredths(totalPoints);
  bands.forEach((band, i) => {
    const [min, max] = [toHundredths(band.min), toHundredths(band.max)];
    if (!Number.isFinite(band.min) || !Number.isFinite(band.max) || min < 0 || max > total || min >= max) {
      issues.push({
        code: 'SCORECARD_BAND_RANGE_INVALID',
        path: `bands[${i}]`,
        messageEn: `Band ${band.code} must have 0 ≤ min < max ≤ ${totalPoints}`,
        messageVi: `Mức ${band.code} phải có 0 ≤ cận dưới < cận trên ≤ ${totalPoints}`,
      });
    }
  });
  if (issues.length > 0) return issues;

  const sorted = [...bands].sort((a, b) => a.min - b.min || a.max - b.max);
  for (let i = 1; i < sorted.length; i++) {
    const [prev, band] = [sorted[i - 1], sorted[i]];
    const [prevMax, min] = [toHundredths(prev.max), toHundredths(band.min)];
    if (min < prevMax || (min === prevMax && prev.maxInclusive)) {
      issues.push({
        code: 'SCORECARD_BANDS_OVERLAP',
        path: `bands.${band.code}`,
        messageEn: `Bands ${prev.code} and ${band.code} overlap`,
        messageVi: `Mức ${prev.code} và ${band.code} chồng lấn nhau`,
      });
    } else if (min > prevMax) {
      issues.push({
        code: 'SCORECARD_BANDS_GAP',
        path: `bands.${band.code}`,
        messageEn: `Scores from ${prev.max} to ${band.min} fall in no band (between ${prev.code} and ${band.code})`,
        messageVi: `Điểm từ ${prev.max} đến ${band.min} không thuộc mức nào (giữa ${prev.code} và ${band.code})`,
      });
    }
    if (band.rank <= prev.rank) {
      issues.push({
        code: 'SCORECARD_BAND_RANK_ORDER',
        path: `bands.${band.code}`,
        messageEn: `Band ${band.code} covers higher scores than ${prev.code} but does not rank above it`,
        messageVi: `Mức ${band.code} có điểm cao hơn mức ${prev.code} nhưng không được xếp trên`,
      });
    }
  }
  const top = sorted[sorted.length - 1];
  if (toHundredths(top.max) !== total || !top.maxInclusive) {
    issues.push({
      code: 'SCORECARD_BANDS_TOP_NOT_TOTAL',
      path: `bands.${top.code}`,
      messageEn: `The top band ${top.code} must end at the total ${totalPoints}, inclusive`,
      messageVi: `Mức cao nhất ${top.code} phải kết thúc tại tổng điểm ${totalPoints} (bao gồm)`,
    });
  }
  sorted.slice(0, -1).filter((b) => b.maxInclusive).forEach((b) => {
    if (issues.some((issue) => issue.path === `bands.${b.code}`)) return;
    issues.push({
      code: 'SCORECARD_BAND_RANGE_INVALID',
      path: `bands.${b.code}`,
      messageEn: `Only the top band may include its upper bound (${b.code} does)`,
      messageVi: `Chỉ mức cao nhất được bao gồm cận trên (mức ${b.code} đang bao gồm)`,
    });
  });
  return issues;
}
