import { randomBytes } from 'node:crypto';
import { canonicalJson, sha256Hex } from './canonical-json';
import { VotingDomainError } from './voting-domain-error';

export const NONCE_BYTES = 16;

export interface Tracker {
  /** SHA-256 hex over the RFC 8785 JSON of {choice, nonce}: what the voter keeps and finds on the board. */
  readonly tracker: string;
  /** 128-bit random nonce, hex: without it the tracker would give the choice away (few options). */
  readonly nonce: string;
}

export function trackerOf(choice: string, nonce: string): string {
  if (typeof nonce !== 'string' || !/^[0-9a-f]{32}$/.test(nonce)) {
    throw new VotingDomainError('INVALID_NONCE', 'The nonce must be 32 lowercase hex digits (128 bits)', 'Nonce phải gồm 32 chữ số hex viết thường (128 bit)');
  }
  return sha256Hex(canonicalJson({ choice, nonce }));
}

/** A fresh tracker for a ballot; `random` is injectable for reproducible tests only. */
export function newTracker(choice: string, random: (bytes: number) => Uint8Array = randomBytes): Tracker {
  const nonce = Buffer.from(random(NONCE_BYTES)).toString('hex');
  return { tracker: trackerOf(choice, nonce), nonce };
}
