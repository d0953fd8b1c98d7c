/** How long a key is remembered, and how often forgotten keys are deleted. */
export interface IdempotencyOptions {
  /** Default IDEMPOTENCY_KEY_RETENTION_HOURS, else 24 h. A key older than this is free again. */
  retentionMs?: number;
  /** Default IDEMPOTENCY_KEY_PRUNE_INTERVAL_MS, else 1 h; 0 disables the periodic prune. */
  pruneIntervalMs?: number;
}

export interface ResolvedIdempotencyOptions {
  retentionMs: number;
  pruneIntervalMs: number;
}

export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

const HOUR = 3_600_000;

export function resolveIdempotencyOptions(options: IdempotencyOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedIdempotencyOptions {
  const hours = Number(env.IDEMPOTENCY_KEY_RETENTION_HOURS);
  const prune = Number(env.IDEMPOTENCY_KEY_PRUNE_INTERVAL_MS);
  return {
    retentionMs: options.retentionMs ?? (hours > 0 ? hours * HOUR : 24 * HOUR),
    pruneIntervalMs: options.pruneIntervalMs ?? (env.IDEMPOTENCY_KEY_PRUNE_INTERVAL_MS !== undefined && prune >= 0 ? prune : HOUR),
  };
}
