import { Test } from '@nestjs/testing';
import { waitUntil } from '@xaso/testing';
import { IdempotencyKeyPruner } from './idempotency-key.pruner';
import { IdempotencyKeyStore } from './idempotency-key.store';
import { IDEMPOTENCY_OPTIONS, resolveIdempotencyOptions } from './idempotency.options';
import { IDEMPOTENCY_KEY_SYNTAX, requestFingerprint } from './request-fingerprint';

describe('Idempotency-Key pieces (no engines)', () => {
  it('fingerprints method, path and body, whatever the key order of the body', () => {
    const a = requestFingerprint('POST', '/api/v1/x', { b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } });
    expect(requestFingerprint('post', '/api/v1/x', { a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 })).toBe(a);
    expect(requestFingerprint('POST', '/api/v1/y', { b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/v1/x', { b: 2, a: { d: [1, { f: 2, e: 3 }], c: null } })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/v1/x', undefined)).toBe(requestFingerprint('POST', '/api/v1/x', null));
  });

  it('accepts keys of 1–255 printable ASCII characters only', () => {
    for (const key of ['a', 'k'.repeat(255), '7d0c3f9e-2b1a-4f7e', 'with space']) expect(IDEMPOTENCY_KEY_SYNTAX.test(key)).toBe(true);
    for (const key of ['', 'k'.repeat(256), 'tab\there', 'khóa', 'nl\n']) expect(IDEMPOTENCY_KEY_SYNTAX.test(key)).toBe(false);
  });

  it('keeps keys 24 h and prunes hourly by default; options and the environment override', () => {
    expect(resolveIdempotencyOptions({}, {})).toEqual({ retentionMs: 86_400_000, pruneIntervalMs: 3_600_000 });
    expect(resolveIdempotencyOptions({}, { IDEMPOTENCY_KEY_RETENTION_HOURS: '48', IDEMPOTENCY_KEY_PRUNE_INTERVAL_MS: '0' })).toEqual({
      retentionMs: 172_800_000,
      pruneIntervalMs: 0,
    });
    expect(resolveIdempotencyOptions({ retentionMs: 1_000, pruneIntervalMs: 50 }, { IDEMPOTENCY_KEY_RETENTION_HOURS: '48' })).toEqual({
      retentionMs: 1_000,
      pruneIntervalMs: 50,
    });
  });

  it('prunes on its interval while the app runs, and closing the app stops the timer', async () => {
    let prunes = 0;
    const moduleRef = await Test.createTestingModule({
      providers: [
        IdempotencyKeyPruner,
        { provide: IDEMPOTENCY_OPTIONS, useValue: { retentionMs: 1_000, pruneIntervalMs: 20 } },
        { provide: IdempotencyKeyStore, useValue: { prune: async () => ++prunes } },
      ],
    }).compile();
    const app = await moduleRef.createNestApplication().init();
    const pruner = app.get(IdempotencyKeyPruner);
    expect(pruner.running).toBe(true);
    await waitUntil('two prunes', async () => prunes >= 2, 5_000);
    await app.close();
    expect(pruner.running).toBe(false);
  });
});
