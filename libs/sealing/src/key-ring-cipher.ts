import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type KeyRing, parseKeyRing } from './key-ring';

const VERSION = 'v1';

/** Why a sealed value could not be opened; callers map it to their own coded error. */
export class SealError extends Error {
  constructor(readonly reason: string) {
    super(`sealed value not opened: ${reason}`);
    this.name = 'SealError';
  }
}

const b64u = (b: Buffer) => b.toString('base64url');
const fromB64u = (s: string) => Buffer.from(s, 'base64url');

/**
 * AES-256-GCM with a rotatable key ring. Sealed form: `v1.<keyId>.<iv>.<tag>.<ciphertext>`
 * (base64url). The purpose, the format version, the key id and a per-record context are bound as
 * additional authenticated data, so a value copied to another record or another purpose does not open.
 */
export class KeyRingCipher {
  private readonly ring: KeyRing;

  /** @param purpose e.g. `petition-identity`: part of the authenticated data, never change it for stored values. */
  constructor(ring: KeyRing | { spec: string; variable: string }, private readonly purpose: string) {
    this.ring = 'spec' in ring ? parseKeyRing(ring.spec, ring.variable) : ring;
  }

  /** A fresh random key-ring entry (for tests and ops tooling). */
  static generateKey(id: string): string {
    return `${id}:${randomBytes(32).toString('base64')}`;
  }

  get currentKeyId(): string {
    return this.ring.currentKeyId;
  }

  /** The oldest key of the ring (what a derived key that must stay stable across rotations starts from). */
  get oldestKey(): Buffer {
    const oldest = [...this.ring.keys.values()].at(-1);
    if (!oldest) throw new Error('the key ring holds no key');
    return oldest;
  }

  seal(plaintext: string | Buffer, context = ''): string {
    return this.sealWith(this.ring.currentKeyId, typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext, context);
  }

  open(sealed: string, context = ''): Buffer {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SealError('malformed');
    const [, keyId, iv, tag, ct] = parts;
    const key = this.ring.keys.get(keyId);
    if (!key) throw new SealError(`unknown key ${keyId}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, fromB64u(iv));
      decipher.setAAD(this.aad(keyId, context));
      decipher.setAuthTag(fromB64u(tag));
      const head = decipher.update(fromB64u(ct));
      const tail = decipher.final();
      return tail.length ? Buffer.concat([head, tail]) : head;
    } catch {
      throw new SealError('authentication failed');
    }
  }

  keyIdOf(sealed: string): string {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SealError('malformed');
    return parts[1];
  }

  needsRotation(sealed: string): boolean {
    return this.keyIdOf(sealed) !== this.ring.currentKeyId;
  }

  /** Re-seals with the current key (returns the input unchanged when already current). */
  rotate(sealed: string, context = ''): string {
    if (!this.needsRotation(sealed)) return sealed;
    return this.sealWith(this.ring.currentKeyId, this.open(sealed, context), context);
  }

  /** The last authenticated data built: a poll's close opens every ballot with the same one. */
  private lastAad: { keyId: string; context: string; bytes: Buffer } | null = null;

  private aad(keyId: string, context: string): Buffer {
    if (this.lastAad?.keyId !== keyId || this.lastAad.context !== context) {
      this.lastAad = { keyId, context, bytes: Buffer.from(`xaso-${this.purpose}|${VERSION}|${keyId}|${context}`, 'utf8') };
    }
    return this.lastAad.bytes;
  }

  private sealWith(keyId: string, plaintext: Buffer, context: string): string {
    const key = this.ring.keys.get(keyId);
    if (!key) throw new SealError(`unknown key ${keyId}`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(this.aad(keyId, context));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [VERSION, keyId, b64u(iv), b64u(cipher.getAuthTag()), b64u(ct)].join('.');
  }
}
