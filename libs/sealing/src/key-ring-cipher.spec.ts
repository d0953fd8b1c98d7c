import { createCipheriv, randomBytes } from 'node:crypto';
import { KeyRingCipher, SealError } from './key-ring-cipher';
import { parseKeyRing } from './key-ring';

const k1 = KeyRingCipher.generateKey('k1');
const k2 = KeyRingCipher.generateKey('k2');
const ring = (spec: string) => ({ spec, variable: 'TEST_KEYS' });

describe('KeyRingCipher', () => {
  it('opens what it sealed, with a fresh IV each time and nothing of the plaintext visible', () => {
    const c = new KeyRingCipher(ring(k1), 'test');
    const a = c.seal('{"choice":"YES"}', 'poll-1');
    const b = c.seal('{"choice":"YES"}', 'poll-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('YES');
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(c.open(a, 'poll-1').toString('utf8')).toBe('{"choice":"YES"}');
  });

  it('binds the context and the purpose: a value moved to another record or purpose does not open', () => {
    const c = new KeyRingCipher(ring(k1), 'test');
    const sealed = c.seal('x', 'A');
    expect(() => c.open(sealed, 'B')).toThrow(SealError);
    expect(() => new KeyRingCipher(ring(k1), 'other').open(sealed, 'A')).toThrow(/authentication failed/);
  });

  it('detects tampering and malformed input', () => {
    const c = new KeyRingCipher(ring(k1), 'test');
    const parts = c.seal('x', 'A').split('.');
    const body = Buffer.from(parts[4], 'base64url');
    body[0] ^= 1;
    parts[4] = body.toString('base64url');
    expect(() => c.open(parts.join('.'), 'A')).toThrow(/authentication failed/);
    expect(() => c.open('garbage')).toThrow(/malformed/);
    expect(() => c.open(undefined as unknown as string)).toThrow(/malformed/);
  });

  it('writes the documented format: AES-256-GCM over the plaintext with xaso-<purpose>|v1|<keyId>|<context> authenticated', () => {
    const key = randomBytes(32);
    const c = new KeyRingCipher({ currentKeyId: 'k9', keys: new Map([['k9', key]]) }, 'test');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from('xaso-test|v1|k9|ctx', 'utf8'));
    const ct = Buffer.concat([cipher.update('hello', 'utf8'), cipher.final()]);
    const external = ['v1', 'k9', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    expect(c.open(external, 'ctx').toString('utf8')).toBe('hello');
  });

  it('rotates: the ring opens old values, rotate() re-seals with the current key', () => {
    const old = new KeyRingCipher(ring(k1), 'test');
    const v1 = old.seal('secret', 'c');
    const both = new KeyRingCipher(ring(`${k2},${k1}`), 'test');
    expect(both.needsRotation(v1)).toBe(true);
    const v2 = both.rotate(v1, 'c');
    expect(both.keyIdOf(v2)).toBe('k2');
    expect(both.rotate(v2, 'c')).toBe(v2);
    const onlyK2 = new KeyRingCipher(ring(k2), 'test');
    expect(onlyK2.open(v2, 'c').toString()).toBe('secret');
    expect(() => onlyK2.open(v1, 'c')).toThrow(/unknown key k1/);
  });
});

describe('parseKeyRing', () => {
  it('reads "id:base64,id:base64" with the first as current and names the setting in its errors', () => {
    const parsed = parseKeyRing(`${k2}, ${k1}`, 'TEST_KEYS');
    expect(parsed.currentKeyId).toBe('k2');
    expect([...parsed.keys.keys()]).toEqual(['k2', 'k1']);
    expect(() => parseKeyRing('', 'TEST_KEYS')).toThrow(/^TEST_KEYS is empty/);
    expect(() => parseKeyRing(`k1:${randomBytes(16).toString('base64')}`, 'TEST_KEYS')).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`:${randomBytes(32).toString('base64')}`, 'TEST_KEYS')).toThrow(/key id/);
    expect(() => parseKeyRing(`${k1},${k1}`, 'TEST_KEYS')).toThrow(/twice/);
  });
});
