import { z } from 'zod';
import type { Scorecard } from '../domain/scorecard';

/**
 * The shape of a scorecard sent for publication. It only checks structure (a value of the right
 * type in every field); the rules (points add up, bands neither overlap nor leave gaps, …) are the
 * domain validator's, with their own codes.
 */
const code = z.string().trim().min(1).max(64);
const title = z.string().trim().min(1).max(500);
const titled = { code, titleVi: title, titleEn: title };
const points = z.number().finite().min(0).max(1000);

const curve = z.discriminatedUnion('type', [
  z.object({ type: z.literal('THRESHOLDS'), steps: z.array(z.object({ min: z.number().finite(), points })).min(1).max(50) }),
  z.object({ type: z.literal('LINEAR'), worst: z.number().finite(), best: z.number().finite() }),
]);
const computation = z.object({
  numerator: z.string().min(1).max(100),
  denominator: z.string().min(1).max(100).nullable(),
  period: z.object({ fromMonthDay: z.string().regex(/^\d{2}-\d{2}$/), toMonthDay: z.string().regex(/^\d{2}-\d{2}$/) }),
  curve,
  missingData: z.enum(['INSUFFICIENT_DATA', 'ZERO', 'MANUAL_FALLBACK', 'FULL_POINTS']),
});
const indicatorBase = { ...titled, maxPoints: points, weight: z.number().finite(), evidenceRequired: z.boolean() };
const indicator = z.discriminatedUnion('kind', [
  z.object({ ...indicatorBase, kind: z.literal('MANUAL') }),
  z.object({ ...indicatorBase, kind: z.literal('COMPUTED'), computation }),
  z.object({ ...indicatorBase, kind: z.literal('MIXED'), computation, computedMaxPoints: points }),
]);
const criterion = z.object({ ...titled, maxPoints: points, indicators: z.array(indicator).max(100) });
const group = z.object({ ...titled, maxPoints: points, criteria: z.array(criterion).max(100) });
const band = z.object({ ...titled, rank: z.number().int().min(1).max(100), min: z.number().finite(), max: z.number().finite(), maxInclusive: z.boolean() });

export const scorecardInputSchema = z.object({
  ...titled,
  version: z.number().int().min(1).max(10_000),
  scope: z.discriminatedUnion('kind', [z.object({ kind: z.literal('NATIONAL') }), z.object({ kind: z.literal('PROVINCE'), provinceCode: z.string().regex(/^\d{2}$/) })]),
  validYears: z.object({ fromYear: z.number().int().min(2000).max(2100), toYear: z.number().int().min(2000).max(2100).nullable() }),
  totalPoints: points,
  groups: z.array(group).max(50),
  bands: z.array(band).max(20),
});

export type ScorecardInput = z.infer<typeof scorecardInputSchema>;

/** The input as a domain scorecard, or the first structural issues (path: message). */
export function parseScorecardInput(input: unknown): { ok: true; scorecard: Scorecard } | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = scorecardInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, scorecard: parsed.data };
  return { ok: false, issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })) };
}
