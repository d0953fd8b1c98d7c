/**
 * Tracking secret given to the petitioner once at intake; only its SHA-256 hash is stored.
 * 100 bits of randomness in Crockford base32 (no I, L, O, U), grouped `XXXX-XXXX-XXXX-XXXX-XXXX`.
 * (A fast hash is enough: the secret is random, not a password.)
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function generateTrackingSecret(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(20);
  let out = '';
  for (let i = 0; i < 20; i++) out += ALPHABET[bytes[i] & 31];
  return (out.match(/.{4}/g) ?? []).join('-');
}

/** Canonical form: upper case, no separators or spaces, ambiguous letters mapped (O→0, I/L→1). */
export function normalizeTrackingSecret(secret: string): string {
  return secret.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashTrackingSecret(secret: string): string {
  return createHash('sha256').update(`xaso-petition-tracking:${normalizeTrackingSecret(secret)}`).digest('hex');
}

export function verifyTrackingSecret(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashTrackingSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
