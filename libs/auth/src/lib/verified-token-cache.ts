import type { AuthUser } from './auth-user';

/** The longest a verified token is remembered, even when it is valid for longer (a key rotation is seen within it). */
export const MAX_TOKEN_CACHE_MS = 5 * 60_000;

interface Entry {
  user: AuthUser;
  /** Epoch ms after which the entry is not used: the token's `exp`, at most MAX_TOKEN_CACHE_MS after it was verified. */
  until: number;
}

/**
 * Tokens that passed verification, keyed by the whole compact JWT (signature included, so a
 * different or altered token never matches), for at most their lifetime: the gateway and each
 * subgraph verify the same bearer token on every request, and a signature check plus claim
 * mapping costs far more than a map lookup. Bounded (least recently used out first); only
 * successes are remembered, a rejected token is verified again every time.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly maxEntries = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** A copy of the user of a remembered, unexpired token. */
  get(token: string, now = Date.now()): AuthUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    // Most recently used last: refresh the position.
    this.entries.delete(token);
    this.entries.set(token, entry);
    return copyUser(entry.user);
  }

  /** Remembers a verified token until `expSeconds` (its `exp` claim), at most MAX_TOKEN_CACHE_MS. */
  set(token: string, user: AuthUser, expSeconds: number | undefined, now = Date.now()): void {
    if (this.maxEntries <= 0 || typeof expSeconds !== 'number' || !Number.isFinite(expSeconds)) return;
    const until = Math.min(expSeconds * 1000, now + MAX_TOKEN_CACHE_MS);
    if (until <= now) return;
    this.entries.delete(token);
    this.entries.set(token, { user: copyUser(user), until });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Callers may change the user they get (e.g. `req.user`): each gets its own copy. */
function copyUser(user: AuthUser): AuthUser {
  return { ...user, roles: [...user.roles] };
}
