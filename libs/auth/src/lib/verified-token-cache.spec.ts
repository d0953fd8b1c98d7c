import { SignJWT } from 'jose';
import { Role } from './role';
import { TokenVerifier } from './token-verifier';
import { MAX_TOKEN_CACHE_MS, VerifiedTokenCache } from './verified-token-cache';

const user = { sub: 'u-1', roles: [Role.OFFICER], unitCode: '00004' };
const SECRET = 'test-dev-secret-0123456789-0123456789';

describe('VerifiedTokenCache', () => {
  it('answers a remembered token until its exp, then forgets it', () => {
    const cache = new VerifiedTokenCache(10);
    const now = 1_000_000_000_000;
    cache.set('t1', user, now / 1000 + 60, now);
    expect(cache.get('t1', now + 59_000)).toEqual(user);
    expect(cache.get('t1', now + 60_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps a long-lived token at most MAX_TOKEN_CACHE_MS, and never one already expired or without exp', () => {
    const cache = new VerifiedTokenCache(10);
    const now = 1_000_000_000_000;
    cache.set('long', user, now / 1000 + 86_400, now);
    expect(cache.get('long', now + MAX_TOKEN_CACHE_MS - 1)).toBeDefined();
    expect(cache.get('long', now + MAX_TOKEN_CACHE_MS)).toBeUndefined();
    cache.set('expired', user, now / 1000 - 1, now);
    cache.set('no-exp', user, undefined, now);
    expect(cache.size).toBe(0);
  });

  it('is bounded: the least recently used token goes first', () => {
    const cache = new VerifiedTokenCache(2);
    const exp = Date.now() / 1000 + 60;
    cache.set('a', user, exp);
    cache.set('b', user, exp);
    cache.get('a');
    cache.set('c', user, exp);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('hands out copies: a caller changing its user does not change the next one', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', user, Date.now() / 1000 + 60);
    const first = cache.get('a');
    first?.roles.push(Role.ADMIN);
    expect(cache.get('a')?.roles).toEqual([Role.OFFICER]);
  });

  it('size 0 remembers nothing', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('a', user, Date.now() / 1000 + 60);
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('TokenVerifier with its cache', () => {
  const sign = (exp: number, secret = SECRET) =>
    new SignJWT({ role: 'OFFICER', unitCode: '00004' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));

  it('answers the same token again without re-verifying, and still refuses an altered or foreign one', async () => {
    const verifier = new TokenVerifier({ devSecret: SECRET, production: false });
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    expect(await verifier.verify(token)).toMatchObject({ sub: 'u-1', unitCode: '00004' });
    expect(await verifier.verify(token)).toMatchObject({ sub: 'u-1', unitCode: '00004' });
    const [h, p, s] = token.split('.');
    await expect(verifier.verify(`${h}.${p}.${s.slice(0, -2)}AA`)).rejects.toMatchObject({ status: 401 });
    await expect(verifier.verify(await sign(Math.floor(Date.now() / 1000) + 600, 'another-secret-0123456789-0123456789'))).rejects.toMatchObject({ status: 401 });
  });

  it('does not answer a token past its exp from the cache', async () => {
    const verifier = new TokenVerifier({ devSecret: SECRET, production: false, clockToleranceSec: 0 });
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    await verifier.verify(token);
    // Ten minutes and a second later (Date and Date.now, which jose reads too).
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'], now: Date.now() + 601_000 });
    try {
      await expect(verifier.verify(token)).rejects.toMatchObject({ status: 401 });
    } finally {
      jest.useRealTimers();
    }
  });
});
