/**
 * Petitioner identity encryption: AES-256-GCM with a rotatable key ring from configuration.
 *
 * `PETITION_IDENTITY_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>"` — the first key is the
 * current one (used to encrypt); the others still decrypt. Ciphertext:
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), with the key id, the format version and an
 * optional context (the petition code) bound as additional authenticated data, so a blob copied
 * to another record does not decrypt. `rotate()` re-encrypts with the current key.
 *
 * `blindIndex()` gives a keyed HMAC of the ID number for duplicate detection without storing it
 * in clear; its key (`PETITION_IDENTITY_INDEX_KEY`) is separate and is not rotated with the
 * encryption keys (rotating it would need re-indexing).
 */
import { createHmac } from 'node:crypto';
import { KeyRingCipher, parseKeyRing as parseRing, SealError, type KeyRing } from '@xaso/sealing';
import { DomainErrors } from './domain-error';

export interface PetitionerIdentity {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  email?: string;
  /** Handwriting / signed-letter attachments: file name, MIME type and content (base64) or a storage reference. */
  attachments?: Array<{ fileName: string; mimeType?: string; contentBase64?: string; storageRef?: string }>;
}

export type { KeyRing };

/** Parses `"k2:base64,k1:base64"` (first = current). Keys must be 32 bytes. */
export const parseKeyRing = (spec: string | undefined): KeyRing => parseRing(spec, 'PETITION_IDENTITY_KEYS');

/** The sealed form keeps its purpose `petition-identity`: stored ciphertexts depend on it. */
const PURPOSE = 'petition-identity';

export class IdentityCipher {
  private readonly cipher: KeyRingCipher;
  private readonly indexKey: Buffer;

  /**
   * @param keys key-ring spec (`PETITION_IDENTITY_KEYS`)
   * @param indexKey base64 32-byte key for `blindIndex` (`PETITION_IDENTITY_INDEX_KEY`); when absent it is
   *   derived from the OLDEST key of the ring (keep that key's derivation stable by passing an explicit key in production).
   */
  constructor(keys: string, indexKey?: string) {
    this.cipher = new KeyRingCipher(parseKeyRing(keys), PURPOSE);
    if (indexKey) {
      const k = Buffer.from(indexKey, 'base64');
      if (k.length < 32) throw new Error('PETITION_IDENTITY_INDEX_KEY must be at least 32 bytes (base64)');
      this.indexKey = k;
    } else {
      this.indexKey = createHmac('sha256', this.cipher.oldestKey).update('xaso-petition-identity-blind-index').digest();
    }
  }

  static fromEnv(env: Record<string, string | undefined> = process.env): IdentityCipher {
    return new IdentityCipher(env.PETITION_IDENTITY_KEYS ?? '', env.PETITION_IDENTITY_INDEX_KEY);
  }

  /** A fresh random key spec entry (for tests and ops tooling). */
  static generateKey(id: string): string {
    return KeyRingCipher.generateKey(id);
  }

  get currentKeyId(): string {
    return this.cipher.currentKeyId;
  }

  encrypt(identity: PetitionerIdentity, context = ''): string {
    return this.coded(() => this.cipher.seal(JSON.stringify(identity), context));
  }

  decrypt(ciphertext: string, context = ''): PetitionerIdentity {
    return JSON.parse(this.coded(() => this.cipher.open(ciphertext, context)).toString('utf8')) as PetitionerIdentity;
  }

  keyIdOf(ciphertext: string): string {
    return this.coded(() => this.cipher.keyIdOf(ciphertext));
  }

  needsRotation(ciphertext: string): boolean {
    return this.coded(() => this.cipher.needsRotation(ciphertext));
  }

  /** Re-encrypts with the current key (returns the input unchanged when already current). */
  rotate(ciphertext: string, context = ''): string {
    return this.coded(() => this.cipher.rotate(ciphertext, context));
  }

  /** Keyed, deterministic index of an identifier (ID number): equal inputs, equal outputs. */
  blindIndex(value: string): string {
    const canonical = value.replace(/\s+/g, '').toUpperCase();
    return createHmac('sha256', this.indexKey).update(canonical).digest('base64url');
  }

  private coded<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof SealError) throw DomainErrors.invalidIdentityCiphertext(error.reason);
      throw error;
    }
  }
}

/** Who may read a denouncer's / petitioner's identity: the assigned handler and the deciding leader. */
export function canReadIdentity(
  p: { handlerId?: string; decidingLeaderId?: string },
  actor: { id: string; role: string },
): boolean {
  if (actor.role === 'OFFICER') return !!p.handlerId && p.handlerId === actor.id;
  if (actor.role === 'LEADER') return !!p.decidingLeaderId && p.decidingLeaderId === actor.id;
  return false;
}

export function assertCanReadIdentity(p: { handlerId?: string; decidingLeaderId?: string }, actor: { id: string; role: string }): void {
  if (!canReadIdentity(p, actor)) throw DomainErrors.identityAccessDenied();
}

/** Masked display for people who may not read the identity (never derived from the plaintext). */
export const REDACTED = '[confidential]';
