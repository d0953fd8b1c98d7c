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
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
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

const VERSION = 'v1';
const KEY_ID_RE = /^[A-Za-z0-9_-]{1,32}$/;

export interface KeyRing {
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

/** Parses `"k2:base64,k1:base64"` (first = current). Keys must be 32 bytes. */
export function parseKeyRing(spec: string | undefined): KeyRing {
  const entries = (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('PETITION_IDENTITY_KEYS is empty: expected "keyId:base64key[,keyId:base64key...]"');
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    if (!KEY_ID_RE.test(id)) throw new Error(`PETITION_IDENTITY_KEYS: invalid key id in entry ${sep > 0 ? id : '(missing)'}`);
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    if (key.length !== 32) throw new Error(`PETITION_IDENTITY_KEYS: key ${id} must be 32 bytes (base64), got ${key.length}`);
    if (keys.has(id)) throw new Error(`PETITION_IDENTITY_KEYS: key id ${id} appears twice`);
    keys.set(id, key);
  }
  return { currentKeyId: entries[0].slice(0, entries[0].indexOf(':')), keys };
}

const b64u = (b: Buffer) => b.toString('base64url');
const fromB64u = (s: string) => Buffer.from(s, 'base64url');

export class IdentityCipher {
  private readonly ring: KeyRing;
  private readonly indexKey: Buffer;

  /**
   * @param keys key-ring spec (`PETITION_IDENTITY_KEYS`)
   * @param indexKey base64 32-byte key for `blindIndex` (`PETITION_IDENTITY_INDEX_KEY`); when absent it is
   *   derived from the OLDEST key of the ring (keep that key's derivation stable by passing an explicit key in production).
   */
  constructor(keys: string, indexKey?: string) {
    this.ring = parseKeyRing(keys);
    if (indexKey) {
      const k = Buffer.from(indexKey, 'base64');
      if (k.length < 32) throw new Error('PETITION_IDENTITY_INDEX_KEY must be at least 32 bytes (base64)');
      this.indexKey = k;
    } else {
      const oldest = [...this.ring.keys.values()].at(-1);
      if (!oldest) throw new Error('PETITION_IDENTITY_KEYS holds no key');
      this.indexKey = createHmac('sha256', oldest).update('xaso-petition-identity-blind-index').digest();
    }
  }

  static fromEnv(env: Record<string, string | undefined> = process.env): IdentityCipher {
    return new IdentityCipher(env.PETITION_IDENTITY_KEYS ?? '', env.PETITION_IDENTITY_INDEX_KEY);
  }

  /** A fresh random key spec entry (for tests and ops tooling). */
  static generateKey(id: string): string {
    return `${id}:${randomBytes(32).toString('base64')}`;
  }

  get currentKeyId(): string {
    return this.ring.currentKeyId;
  }

  encrypt(identity: PetitionerIdentity, context = ''): string {
    return this.encryptWith(this.ring.currentKeyId, JSON.stringify(identity), context);
  }

  decrypt(ciphertext: string, context = ''): PetitionerIdentity {
    return JSON.parse(this.decryptRaw(ciphertext, context)) as PetitionerIdentity;
  }

  keyIdOf(ciphertext: string): string {
    const parts = ciphertext.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw DomainErrors.invalidIdentityCiphertext('malformed');
    return parts[1];
  }

  needsRotation(ciphertext: string): boolean {
    return this.keyIdOf(ciphertext) !== this.ring.currentKeyId;
  }

  /** Re-encrypts with the current key (returns the input unchanged when already current). */
  rotate(ciphertext: string, context = ''): string {
    if (!this.needsRotation(ciphertext)) return ciphertext;
    return this.encryptWith(this.ring.currentKeyId, this.decryptRaw(ciphertext, context), context);
  }

  /** Keyed, deterministic index of an identifier (ID number): equal inputs, equal outputs. */
  blindIndex(value: string): string {
    const canonical = value.replace(/\s+/g, '').toUpperCase();
    return createHmac('sha256', this.indexKey).update(canonical).digest('base64url');
  }

  private aad(keyId: string, context: string): Buffer {
    return Buffer.from(`xaso-petition-identity|${VERSION}|${keyId}|${context}`, 'utf8');
  }

  private encryptWith(keyId: string, plaintext: string, context: string): string {
    const key = this.ring.keys.get(keyId);
    if (!key) throw DomainErrors.invalidIdentityCiphertext(`unknown key ${keyId}`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(this.aad(keyId, context));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, keyId, b64u(iv), b64u(cipher.getAuthTag()), b64u(ct)].join('.');
  }

  private decryptRaw(ciphertext: string, context: string): string {
    const keyId = this.keyIdOf(ciphertext);
    const [, , iv, tag, ct] = ciphertext.split('.');
    const key = this.ring.keys.get(keyId);
    if (!key) throw DomainErrors.invalidIdentityCiphertext(`unknown key ${keyId}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, fromB64u(iv));
      decipher.setAAD(this.aad(keyId, context));
      decipher.setAuthTag(fromB64u(tag));
      return Buffer.concat([decipher.update(fromB64u(ct)), decipher.final()]).toString('utf8');
    } catch {
      throw DomainErrors.invalidIdentityCiphertext('authentication failed');
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
