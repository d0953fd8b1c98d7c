import { type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DEFAULT_DEV_SECRET } from './auth-config';
import { AuthModule } from './auth.module';
import { DevTokenIssuerModule, parseDevTokenRequest } from './dev-token-issuer';
import { Role } from './role';
import { TokenVerifier } from './token-verifier';

const ENV_KEYS = ['AUTH_DEV_ISSUER', 'AUTH_DEV_SECRET', 'NODE_ENV', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY_PEM'] as const;

async function appWithEnv(env: Partial<Record<(typeof ENV_KEYS)[number], string>>): Promise<INestApplication> {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, env);
  @Module({ imports: [AuthModule.forRoot(), DevTokenIssuerModule.registerIfEnabled()] })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('DevTokenIssuerModule', () => {
  const saved = { ...process.env };
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => {
    for (const key of ENV_KEYS) delete process.env[key];
    for (const key of ENV_KEYS) if (saved[key] !== undefined) process.env[key] = saved[key];
  });

  it('is absent unless AUTH_DEV_ISSUER=true', async () => {
    app = await appWithEnv({ NODE_ENV: 'development' });
    // The route does not exist; the global guard answers 401 before routing can 404.
    const res = await request(app.getHttpServer()).post('/auth/dev/token').send({ role: 'ADMIN' });
    expect([401, 404]).toContain(res.status);
    expect(res.body.token).toBeUndefined();
  });

  it('issues tokens the verifier accepts when enabled (default dev secret)', async () => {
    app = await appWithEnv({ NODE_ENV: 'development', AUTH_DEV_ISSUER: 'true' });
    const res = await request(app.getHttpServer())
      .post('/auth/dev/token')
      .send({ role: 'OFFICER', unitCode: '00004', idNumber: '001203004567' })
      .expect(200);
    expect(res.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const user = await app.get(TokenVerifier).verify(res.body.token);
    expect(user).toMatchObject({ roles: [Role.OFFICER], unitCode: '00004', idNumber: '001203004567' });
    const payload = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(12 * 3600);
    // Signed with the fixed default secret.
    expect(await new TokenVerifier({ devSecret: DEFAULT_DEV_SECRET, production: false }).verify(res.body.token)).toMatchObject({ sub: user.sub });
  });

  it('uses AUTH_DEV_SECRET, AUTH_ISSUER and AUTH_AUDIENCE when set', async () => {
    app = await appWithEnv({ AUTH_DEV_ISSUER: 'true', AUTH_DEV_SECRET: 'custom-secret-custom-secret-12345', AUTH_ISSUER: 'xaso-dev', AUTH_AUDIENCE: 'xaso' });
    const res = await request(app.getHttpServer()).post('/auth/dev/token').send({ role: 'ADMIN', sub: 'me', name: 'Trần Thị B' }).expect(200);
    await expect(app.get(TokenVerifier).verify(res.body.token)).resolves.toEqual({ sub: 'me', roles: [Role.ADMIN], name: 'Trần Thị B' });
    await expect(new TokenVerifier({ devSecret: DEFAULT_DEV_SECRET, production: false }).verify(res.body.token)).rejects.toMatchObject({ status: 401 });
  });

  it('answers 400 for invalid bodies', async () => {
    app = await appWithEnv({ AUTH_DEV_ISSUER: 'true' });
    for (const body of [{}, { role: 'KING' }, { role: 'OFFICER', unitCode: 'abc' }, { role: 'OFFICER', unitCode: 4 }, { role: 'CITIZEN', idNumber: '12345' }, { role: 'CITIZEN', sub: '' }]) {
      const res = await request(app.getHttpServer()).post('/auth/dev/token').send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'BAD_REQUEST', messageVi: expect.any(String) });
    }
  });

  it('refuses to start in production', () => {
    expect(() => DevTokenIssuerModule.registerIfEnabled({ AUTH_DEV_ISSUER: 'true', NODE_ENV: 'production' })).toThrow(/production/);
    expect(DevTokenIssuerModule.registerIfEnabled({ NODE_ENV: 'production' }).controllers).toBeUndefined();
  });

  it('validates request bodies as a plain function too', () => {
    expect(parseDevTokenRequest({ role: 'LEADER', unitCode: '00004' })).toEqual({ role: Role.LEADER, unitCode: '00004' });
    expect(() => parseDevTokenRequest(null)).toThrow();
  });
});
