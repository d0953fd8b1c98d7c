import { createHash } from 'node:crypto';

/** Object keys sorted at every level, so `{a, b}` and `{b, a}` are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, canonical(record[k])]));
  }
  return value;
}

/** SHA-256 of method, path (with query) and the canonical JSON body: what "the same request" means for a key. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method.toUpperCase(), path, canonical(body ?? null)]))
    .digest('hex');
}

/** `Idempotency-Key` values: 1–255 printable ASCII characters. */
export const IDEMPOTENCY_KEY_SYNTAX = /^[\x20-\x7e]{1,255}$/;
