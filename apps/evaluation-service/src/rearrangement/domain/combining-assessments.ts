/**
 * What a rearrangement does in evaluation-service (issue 12), by DESIGN.md ("indicators that
 * operations already measure are computed from events, not typed in"):
 *
 * - Facts (`daily_fact`) never move: the successor's computed indicators already read the facts
 *   of the communes merged into it through the replica's successor links, as Σ numerators /
 *   Σ denominators (pg-daily-fact.repository). Moving them would count them twice or lose the
 *   merger date. They are counted as carried over.
 * - The year's DRAFT assessments of merged communes are combined into ONE DRAFT assessment of the
 *   successor in the same cycle (created if it has none, the successor added to the cycle's
 *   units); its computed values are those combined sums. A self-assessment typed in by an old
 *   commune is not added up (manual scores do not sum); the source's assessment stays under its
 *   unit with its history (kept), logged as combined into the successor.
 * - Assessments past DRAFT (submitted … recognised) and those of other years stay, carried over.
 * - A divided commune's facts and assessment cannot be apportioned by unit: they stay (carried
 *   over); every successor gets its DRAFT in the cycle. Pure.
 */
export const ASSESSMENT_RECORD_TYPE = 'assessment';
export const FACT_RECORD_TYPE = 'daily-fact';

/** The year whose assessments a plan effective on `effectiveDate` (YYYY-MM-DD) combines: that year and later cycles. */
export function firstCombinedYear(effectiveDate: string): number {
  const year = Number(effectiveDate.slice(0, 4));
  if (!Number.isInteger(year)) throw new Error(`not a date: ${effectiveDate}`);
  return year;
}
