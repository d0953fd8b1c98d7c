import { toLocalDate } from '@xaso/calendar';
import { indicatorsOf } from '../../scorecards/domain/scorecard';
import { MeasuredValue } from '../../indicators/domain/computed-value';
import { Assessment, FieldChange } from './assessment';
import { MeasuredValuesMissingError } from './assessment-errors';
import { assertValidManualEntry, ManualEntry } from './evidence';
import { UnknownIndicatorError } from './scoring-errors';
import { selfAssessedSheet } from './score-sheet';
import { StepContext, StepOutcome } from './step-outcome';

function indicatorIndex(ctx: StepContext) {
  return new Map(indicatorsOf(ctx.scorecard).map(({ indicator }) => [indicator.code, indicator]));
}

/** Sets or clears (null) manual entries; each is checked against its indicator. */
export function saveSelf(assessment: Assessment, entries: Readonly<Record<string, ManualEntry | null>>, ctx: StepContext): StepOutcome {
  const indicators = indicatorIndex(ctx);
  const manual: Record<string, ManualEntry> = { ...assessment.manual };
  const changes: FieldChange[] = [];
  for (const [code, entry] of Object.entries(entries)) {
    const indicator = indicators.get(code);
    if (!indicator) throw new UnknownIndicatorError(code, ctx.scorecard.code);
    if (entry) assertValidManualEntry(indicator, entry);
    const before = manual[code] ?? null;
    if (entry) manual[code] = entry;
    else delete manual[code];
    if (JSON.stringify(before) !== JSON.stringify(entry)) changes.push({ field: `manual.${code}`, before, after: entry });
  }
  return { set: { manual }, changes, reason: null };
}

/**
 * Submits: the measured value of every COMPUTED and MIXED indicator (computed by the caller from
 * the facts up to today) is frozen with the submission, and the self-assessed total recorded.
 */
export function submit(assessment: Assessment, measured: Readonly<Record<string, MeasuredValue>>, ctx: StepContext): StepOutcome {
  const indicators = indicatorIndex(ctx);
  for (const code of Object.keys(measured)) if (!indicators.has(code)) throw new UnknownIndicatorError(code, ctx.scorecard.code);
  const missing = [...indicators.values()].filter((i) => i.kind !== 'MANUAL' && !(i.code in measured)).map((i) => i.code);
  if (missing.length > 0) throw new MeasuredValuesMissingError(missing);
  const frozen = Object.fromEntries(Object.entries(measured).map(([code, value]) => [code, { ...value }]));
  const sheet = selfAssessedSheet(ctx.scorecard, new Map(Object.entries(assessment.manual)), new Map(Object.entries(frozen)));
  return {
    set: { measured: frozen, submittedOn: toLocalDate(ctx.at) },
    changes: [
      { field: 'measured', before: assessment.measured, after: frozen },
      { field: 'selfTotal', before: null, after: sheet.total },
    ],
    reason: null,
  };
}
