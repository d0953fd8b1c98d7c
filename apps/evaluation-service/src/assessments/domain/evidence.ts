import { Indicator, manualMaxPoints } from '../../scorecards/domain/scorecard';
import { toHundredths } from '../../scorecards/domain/points';
import { EvidenceRequiredError, ManualScoreNotAllowedError, ScoreOutOfRangeError } from './scoring-errors';

/** Evidence for a manual score: a document (number/date/issuer) or an attachment's metadata. */
export type EvidenceRef =
  | { readonly kind: 'DOCUMENT'; readonly reference: string; readonly title?: string; readonly issuedOn?: string }
  | { readonly kind: 'ATTACHMENT'; readonly reference: string; readonly fileName: string; readonly contentType: string; readonly sizeBytes: number };

/** What the commune enters for an indicator: points (before weight) and the evidence. */
export interface ManualEntry {
  readonly points: number;
  readonly evidence: readonly EvidenceRef[];
  readonly note?: string;
}

/** Points a commune may enter by hand: the manual part, or all of a COMPUTED one that falls back to manual. */
export function enterableMaxPoints(indicator: Indicator): number {
  if (indicator.kind === 'COMPUTED') return indicator.computation.missingData === 'MANUAL_FALLBACK' ? indicator.maxPoints : 0;
  return manualMaxPoints(indicator);
}

export function isValidPoints(points: number, maxPoints: number): boolean {
  return Number.isFinite(points) && points >= 0 && toHundredths(points) <= toHundredths(maxPoints) && Math.abs(points * 100 - toHundredths(points)) < 1e-6;
}

/** Refuses a manual entry the indicator cannot take: not enterable, out of range, points claimed without required evidence. */
export function assertValidManualEntry(indicator: Indicator, entry: ManualEntry): void {
  const max = enterableMaxPoints(indicator);
  if (max === 0) throw new ManualScoreNotAllowedError(indicator.code);
  if (!isValidPoints(entry.points, max)) throw new ScoreOutOfRangeError(indicator.code, entry.points, max);
  // 0 points claims nothing, so it needs nothing to prove it.
  const evidenced = entry.evidence.some((e) => e.reference.trim() !== '');
  if (indicator.evidenceRequired && entry.points > 0 && !evidenced) throw new EvidenceRequiredError(indicator.code);
}
