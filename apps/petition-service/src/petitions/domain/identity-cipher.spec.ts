import { randomBytes } from 'node:crypto';
import { PetitionDomainError } from './domain-error';
import { assertCanReadIdentity, canReadIdentity, IdentityCipher, parseKeyRing, type PetitionerIdentity } from './identity-cipher';

const k1 = IdentityCipher.generateKey('k1');
const k2 = IdentityCipher.generateKey('k2');
const identity: PetitionerIdentity = {
  fullName: 'Trần Thị Bích',
  idNumber: '001199012345',
  phone: '0912345678',
  address: 'Số 5 Đội Cấn, Ba Đình',
  attachments: [{ fileName: 'don-to-cao.jpg', mimeType: 'image/jpeg', contentBase64: Buffer.from('handwriting').toString('base64') }],
};

describe('IdentityCipher', () => {
  it('round-trips and never shows plaintext in the ciphertext', () => {
    const c = new IdentityCipher(k1);
    const ct = c.encrypt(identity, '00004-260302-0001');
    expect(ct.startsWith('v1.k1.')).toBe(true);
    for (const v of ['Trần', 'Tran', '001199012345', '0912345678', 'Đội Cấn', 'handwriting', Buffer.from('handwriting').toString('base64')]) {
      expect(ct).not.toContain(v);
    }
    expect(c.decrypt(ct, '00004-260302-0001')).toEqual(identity);
  });

  it('uses a fresh IV each time', () => {
    const c = new IdentityCipher(k1);
    expect(c.encrypt(identity)).not.toBe(c.encrypt(identity));
  });

  it('binds the ciphertext to its context and detects tampering', () => {
    const c = new IdentityCipher(k1);
    const ct = c.encrypt(identity, 'A');
    expect(() => c.decrypt(ct, 'B')).toThrow(PetitionDomainError);
    const parts = ct.split('.');
    const body = Buffer.from(parts[4], 'base64url');
    body[0] ^= 1;
    parts[4] = body.toString('base64url');
    expect(() => c.decrypt(parts.join('.'), 'A')).toThrow(/authentication failed/);
    expect(() => c.decrypt('garbage', 'A')).toThrow(/malformed/);
  });

  it('rotates: old ciphertext still decrypts with the ring, rotate() re-encrypts with the current key', () => {
    const old = new IdentityCipher(k1);
    const ct1 = old.encrypt(identity, 'ctx');
    const ring = new IdentityCipher(`${k2},${k1}`);
    expect(ring.currentKeyId).toBe('k2');
    expect(ring.needsRotation(ct1)).toBe(true);
    expect(ring.decrypt(ct1, 'ctx')).toEqual(identity);
    const ct2 = ring.rotate(ct1, 'ctx');
    expect(ring.keyIdOf(ct2)).toBe('k2');
    expect(ring.rotate(ct2, 'ctx')).toBe(ct2);
    // after retiring k1, the rotated blob still decrypts, the old one does not
    const onlyK2 = new IdentityCipher(k2);
    expect(onlyK2.decrypt(ct2, 'ctx')).toEqual(identity);
    expect(() => onlyK2.decrypt(ct1, 'ctx')).toThrow(/unknown key k1/);
  });

  it('parses the key ring from configuration and rejects bad specs', () => {
    const ring = parseKeyRing(`${k2}, ${k1}`);
    expect(ring.currentKeyId).toBe('k2');
    expect([...ring.keys.keys()]).toEqual(['k2', 'k1']);
    expect(() => parseKeyRing('')).toThrow(/empty/);
    expect(() => parseKeyRing(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`:${randomBytes(32).toString('base64')}`)).toThrow(/key id/);
    expect(() => parseKeyRing(`${k1},${k1}`)).toThrow(/twice/);
    expect(IdentityCipher.fromEnv({ PETITION_IDENTITY_KEYS: k1 }).currentKeyId).toBe('k1');
  });

  it('blind index is keyed, deterministic and stable across rotation when the index key is explicit', () => {
    const indexKey = randomBytes(32).toString('base64');
    const a = new IdentityCipher(k1, indexKey);
    const b = new IdentityCipher(`${k2},${k1}`, indexKey);
    expect(a.blindIndex('001199012345')).toBe(b.blindIndex(' 001199 012345 '));
    expect(a.blindIndex('001199012345')).not.toContain('001199012345');
    expect(new IdentityCipher(k1).blindIndex('001199012345')).not.toBe(a.blindIndex('001199012345'));
  });
});

describe('who may read the identity', () => {
  const p = { handlerId: 'h1', decidingLeaderId: 'l1' };
  it.each`
    id       | role          | allowed
    ${'h1'}  | ${'OFFICER'}  | ${true}
    ${'l1'}  | ${'LEADER'}   | ${true}
    ${'h2'}  | ${'OFFICER'}  | ${false}
    ${'l2'}  | ${'LEADER'}   | ${false}
    ${'h1'}  | ${'LEADER'}   | ${false}
    ${'l1'}  | ${'ADMIN'}    | ${false}
    ${'x'}   | ${'CITIZEN'}  | ${false}
    ${'x'}   | ${'AGENCY'}   | ${false}
    ${'x'}   | ${'PROVINCE_OFFICER'} | ${false}
  `('$role $id → $allowed', ({ id, role, allowed }) => {
    expect(canReadIdentity(p, { id, role })).toBe(allowed);
  });

  it('nobody reads before assignment', () => {
    expect(canReadIdentity({}, { id: 'h1', role: 'OFFICER' })).toBe(false);
    expect(() => assertCanReadIdentity({}, { id: 'l1', role: 'LEADER' })).toThrow(expect.objectContaining({ code: 'PETITION_IDENTITY_ACCESS_DENIED', httpStatus: 403 }));
  });
});
