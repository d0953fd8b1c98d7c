import { ValidationFailedError } from '@xaso/api';
import { z } from 'zod';
import type { ManualEntry } from '../domain/evidence';
import type { ReviewEntry } from '../domain/reviewed-sheet';

const evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('DOCUMENT'), reference: z.string().trim().min(1).max(200), title: z.string().max(500).optional(), issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  z.object({
    kind: z.literal('ATTACHMENT'), reference: z.string().trim().min(1).max(200), fileName: z.string().min(1).max(255),
    contentType: z.string().min(1).max(100), sizeBytes: z.number().int().min(0).max(100_000_000),
  }),
]);
const points = z.number().finite().min(-1000).max(1000);
const indicatorCode = z.string().min(1).max(64);
const manualEntries = z.record(indicatorCode, z.object({ points, evidence: z.array(evidence).max(50), note: z.string().max(2000).optional() }).nullable());
const reviewEntries = z.record(indicatorCode, z.object({ points, comment: z.string().max(2000) }).nullable());

function parsed<T>(schema: z.ZodType<T>, input: unknown, field: string): T {
  const result = schema.safeParse(input);
  if (result.success && Object.keys(result.data as object).length <= 500) return result.data;
  const issues = result.success ? [{ path: '', message: 'at most 500 indicators' }] : result.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ValidationFailedError(`\`${field}\` does not have the expected shape`, `\`${field}\` không đúng cấu trúc`, { field, issues });
}

/** `{ indicatorCode: { points, evidence: [...] } | null }` (null clears an entry). */
export const manualEntriesOf = (input: unknown): Record<string, ManualEntry | null> => parsed(manualEntries, input, 'entries');
/** `{ indicatorCode: { points, comment } | null }`. */
export const reviewEntriesOf = (input: unknown): Record<string, ReviewEntry | null> => parsed(reviewEntries, input, 'entries');
