import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency.interceptor';

/**
 * Documents the `Idempotency-Key` header (and its 422) on every POST of an OpenAPI document, so
 * no controller has to remember a decorator.
 */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths ?? {})) {
    const post = item.post;
    if (!post) continue;
    post.parameters ??= [];
    if (!post.parameters.some((p) => 'name' in p && p.name === IDEMPOTENCY_KEY_HEADER)) {
      post.parameters.push({
        name: IDEMPOTENCY_KEY_HEADER,
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
        description:
          'Optional, 1–255 printable ASCII characters, per caller. A retry with the same key and request replays the stored response ' +
          '(with `Idempotent-Replayed: true`); the same key with a different request is 422 IDEMPOTENCY_KEY_REUSED. Keys are kept 24 h by default.',
      });
    }
    post.responses ??= {};
    post.responses['422'] ??= { description: 'Idempotency-Key reused with a different request (IDEMPOTENCY_KEY_REUSED) — problem+json' };
  }
  return document;
}
