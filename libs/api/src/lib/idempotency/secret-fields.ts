import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_SECRET_FIELDS = 'xaso:idempotency-secret-fields';

/**
 * Top-level response fields that are shown once and never stored (e.g. a petition's tracking
 * secret, of which only a hash is kept): the Idempotency-Key record stores them as null, so a
 * replay answers the same resource without the secret.
 */
export const IdempotencySecretFields = (...fields: string[]) => SetMetadata(IDEMPOTENCY_SECRET_FIELDS, fields);

export function withoutSecretFields(body: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields?.length || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of fields) if (field in copy) copy[field] = null;
  return copy;
}
