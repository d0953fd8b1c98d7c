import { type KeysetPageRequest, keysetRequest, ValidationFailedError } from '@xaso/api';
import { REVIEW_KEYSET_ARITY } from '../application/saga.repository.port';
import type { ReviewItem } from '../application/saga.repository.port';
import type { RearrangementProgress, ReconciliationReport } from '../application/saga-queries';
import { reconciliationCsv } from '../domain/reconciliation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Plan and review-item ids are UUIDs: anything else is BAD_USER_INPUT before it reaches the database. */
export function checkedId(id: unknown, field = 'id'): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw new ValidationFailedError(`${field} must be a UUID`, `${field} phải là UUID`, { field });
  return id;
}

/** A review-queue page request; a cursor whose key is not (0 | 1, text, text, text) is BAD_USER_INPUT, never a database error. */
export function reviewPage(first: number | null | undefined, after: string | null | undefined): KeysetPageRequest {
  const page = keysetRequest(first, after, REVIEW_KEYSET_ARITY);
  const key = page.after;
  if (key && !((key[0] === 0 || key[0] === 1) && key.slice(1).every((part) => typeof part === 'string'))) {
    throw new ValidationFailedError('Invalid cursor', 'Con trỏ phân trang không hợp lệ', { field: 'after' });
  }
  return page;
}

/** The JSON shape shared by GraphQL and REST. */
export const progressView = (p: RearrangementProgress) => ({
  planId: p.planId,
  kind: p.kind,
  status: p.planStatus,
  runStatus: p.status,
  startedAt: p.startedAt,
  startedBy: p.startedBy,
  finishedAt: p.finishedAt,
  error: p.error,
  reviewQueued: p.reviewQueued,
  signedOffBy: p.signedOffBy,
  signedOffAt: p.signedOffAt,
  steps: p.steps.map((s) => ({ service: s.service, action: s.action, state: s.state, moved: s.moved, total: s.total, chunks: s.chunks, chunksDone: s.chunksDone, attempts: s.attempts, error: s.error })),
});

export const reportView = (r: ReconciliationReport) => ({
  planId: r.planId,
  kind: r.kind,
  balanced: r.balanced,
  problems: r.problems,
  signedOffBy: r.signedOffBy,
  signedOffAt: r.signedOffAt,
  rows: r.rows.map((row) => ({
    service: row.service, recordType: row.recordType, sourceCode: row.sourceCode, before: row.before, moved: row.movedTotal,
    byUnit: row.byRule.unit, byVillage: row.byRule.village, byAddress: row.byRule.address, byReview: row.byRule.review, queued: row.queued,
    failed: row.failed, carriedOver: row.carriedOver, after: row.after, balanced: row.balanced, hashesMatch: row.hashesMatch,
    targets: row.targets.map((t) => ({ ...t, hashMatches: t.moved ? t.serviceSha256 !== null && t.serviceSha256 === t.mergerSha256 : null })),
  })),
  csv: reconciliationCsv(r.rows),
});

export const reviewItemView = (i: ReviewItem) => ({ ...i });
