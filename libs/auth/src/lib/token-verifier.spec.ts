import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { Logger } from '@nestjs/common';
import { authConfigFromEnv } from './auth-config';
import { issueDevToken } from './dev-token-issuer';
import { Role } from './role';
import { bearerToken, TokenVerifier } from './token-verifier';

const DEV_SECRET = 'test-dev-secret-0123456789-0123456789';

async function rs256(key: KeyLike, claims: Record<string, unknown>, opts: { kid?: string; exp?: string | number; iss?: string; aud?: string } = {}) {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', ...(opts.kid ? { kid: opts.kid } : {}) })
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '1h');
  if (opts.iss) jwt = jwt.setIssuer(opts.iss);
  if (opts.aud) jwt = jwt.setAudience(opts.aud);
  return jwt.sign(key);
}

function expectUnauthenticated(promise: Promise<unknown>) {
  return expect(promise).rejects.toMatchObject({
    status: 401,
    response: expect.objectContaining({ code: 'UNAUTHENTICATED', messageVi: expect.any(String) }),
  });
}

describe('TokenVerifier', () => {
  let keys: { publicKey: KeyLike; privateKey: KeyLike };
  let otherKeys: { publicKey: KeyLike; privateKey: KeyLike };
  let pem: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    keys = await generateKeyPair('RS256');
    otherKeys = await generateKeyPair('RS256');
    pem = await exportSPKI(keys.publicKey);
  });

  describe('RS256 with a PEM public key', () => {
    it('accepts a valid token and maps claims', async () => {
      const verifier = new TokenVerifier({ publicKeyPem: pem, production: true, issuer: 'https://idp', audience: 'xaso' });
      const token = await rs256(keys.privateKey, { roles: ['officer', 'LEADER', 'BOGUS'], unitCode: '00004', idNumber: '001203004567', name: 'Nguyễn Văn A' }, { iss: 'https://idp', aud: 'xaso' });
      await expect(verifier.verify(token)).resolves.toEqual({
        sub: 'user-1',
        roles: [Role.OFFICER, Role.LEADER],
        unitCode: '00004',
        idNumber: '001203004567',
        name: 'Nguyễn Văn A',
      });
    });

    it('accepts a single `role` claim', async () => {
      const verifier = new TokenVerifier({ publicKeyPem: pem, production: true });
      const token = await rs256(keys.privateKey, { role: 'CITIZEN' });
      await expect(verifier.verify(token)).resolves.toMatchObject({ roles: [Role.CITIZEN] });
    });

    it('checks issuer and audience when configured', async () => {
      const verifier = new TokenVerifier({ publicKeyPem: pem, production: true, issuer: 'https://idp', audience: 'xaso' });
      await expectUnauthenticated(verifier.verify(await rs256(keys.privateKey, {}, { iss: 'https://evil', aud: 'xaso' })));
      await expectUnauthenticated(verifier.verify(await rs256(keys.privateKey, {}, { iss: 'https://idp', aud: 'other' })));
      await expectUnauthenticated(verifier.verify(await rs256(keys.privateKey, {}, {})));
    });

    it('rejects expired tokens', async () => {
      const verifier = new TokenVerifier({ publicKeyPem: pem, production: true });
      const token = await rs256(keys.privateKey, {}, { exp: Math.floor(Date.now() / 1000) - 3600 });
      await expectUnauthenticated(verifier.verify(token));
    });

    it('rejects tokens signed by another key and tampered tokens', async () => {
      const verifier = new TokenVerifier({ publicKeyPem: pem, production: true });
      await expectUnauthenticated(verifier.verify(await rs256(otherKeys.privateKey, {})));
      const good = await rs256(keys.privateKey, { roles: ['CITIZEN'] });
      const [h, , s] = good.split('.');
      const forgedPayload = Buffer.from(JSON.stringify({ sub: 'user-1', roles: ['ADMIN'], exp: 9999999999 })).toString('base64url');
      await expectUnauthenticated(verifier.verify(`${h}.${forgedPayload}.${s}`));
      await expectUnauthenticated(verifier.verify('not-a-jwt'));
    });

    it('rejects alg confusion: HS256 signed with the public key PEM as secret', async () => {
      const verifier = new TokenVerifier({ publicKeyPem: pem, production: false });
      const token = await new SignJWT({ roles: ['ADMIN'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('attacker')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(pem));
      await expectUnauthenticated(verifier.verify(token));
    });

    it('rejects unsecured (alg none) tokens', async () => {
      const verifier = new TokenVerifier({ publicKeyPem: pem, production: false, devSecret: DEV_SECRET });
      const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: 'x', roles: ['ADMIN'], exp: 9999999999 })).toString('base64url');
      await expectUnauthenticated(verifier.verify(`${header}.${payload}.`));
    });
  });

  describe('RS256 from a JWKS URL', () => {
    let server: Server;
    let jwksUrl: string;
    let requests = 0;

    beforeAll(async () => {
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((req, res) => {
        requests++;
        if (req.url !== '/.well-known/jwks.json') {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('accepts a token whose kid is in the key set', async () => {
      const verifier = new TokenVerifier({ jwksUrl, production: true });
      const token = await rs256(keys.privateKey, { roles: ['ADMIN'] }, { kid: 'k1' });
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'user-1', roles: [Role.ADMIN] });
      expect(requests).toBeGreaterThan(0);
    });

    it('rejects a token signed by a key outside the set, or with an unknown kid', async () => {
      const verifier = new TokenVerifier({ jwksUrl, production: true });
      await expectUnauthenticated(verifier.verify(await rs256(otherKeys.privateKey, {}, { kid: 'k1' })));
      await expectUnauthenticated(verifier.verify(await rs256(otherKeys.privateKey, {}, { kid: 'k2' })));
    });

    it('rejects HS256 dev tokens when only RS256 is configured', async () => {
      const verifier = new TokenVerifier({ jwksUrl, production: false });
      await expectUnauthenticated(verifier.verify(await issueDevToken({ role: Role.ADMIN }, DEV_SECRET)));
    });
  });

  describe('HS256 development tokens', () => {
    it('accepts dev tokens outside production', async () => {
      const verifier = new TokenVerifier({ devSecret: DEV_SECRET, production: false });
      const token = await issueDevToken({ role: Role.OFFICER, unitCode: '00004', idNumber: '001203004567', sub: 'dev-1' }, DEV_SECRET);
      await expect(verifier.verify(token)).resolves.toEqual({ sub: 'dev-1', roles: [Role.OFFICER], unitCode: '00004', idNumber: '001203004567' });
    });

    it('rejects dev tokens signed with another secret and expired dev tokens', async () => {
      const verifier = new TokenVerifier({ devSecret: DEV_SECRET, production: false });
      await expectUnauthenticated(verifier.verify(await issueDevToken({ role: Role.ADMIN }, 'another-secret-another-secret-xx')));
      await expectUnauthenticated(
        verifier.verify(await issueDevToken({ role: Role.ADMIN }, DEV_SECRET, { expiresIn: Math.floor(Date.now() / 1000) - 600 })),
      );
    });

    it('refuses HS256 in production even when a secret is configured', async () => {
      const verifier = new TokenVerifier({ devSecret: DEV_SECRET, production: true, publicKeyPem: pem });
      expect(verifier.acceptsDevTokens).toBe(false);
      await expectUnauthenticated(verifier.verify(await issueDevToken({ role: Role.ADMIN }, DEV_SECRET)));
    });

    it('reads no dev secret from the environment in production', () => {
      expect(authConfigFromEnv({ NODE_ENV: 'production', AUTH_DEV_SECRET: DEV_SECRET, AUTH_DEV_ISSUER: 'true' }).devSecret).toBeUndefined();
      expect(authConfigFromEnv({ NODE_ENV: 'development', AUTH_DEV_SECRET: DEV_SECRET }).devSecret).toBe(DEV_SECRET);
      expect(authConfigFromEnv({ NODE_ENV: 'development', AUTH_DEV_ISSUER: 'true' }).devSecret).toBeDefined();
      expect(authConfigFromEnv({ NODE_ENV: 'development' }).devSecret).toBeUndefined();
      expect(authConfigFromEnv({ AUTH_AUDIENCE: 'a, b' }).audience).toEqual(['a', 'b']);
    });
  });

  it('parses bearer headers', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBe('');
  });
});
