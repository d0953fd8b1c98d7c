import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Get, HttpException, type INestApplication, Module } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Field, GraphQLModule, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule } from './auth.module';
import type { AuthUser } from './auth-user';
import { CurrentUser, Public, Roles } from './decorators';
import { DevTokenIssuerModule, issueDevToken } from './dev-token-issuer';
import { Role } from './role';

// Stand-in for @xaso/api's formatter: exposes the HttpException body as extensions.
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof HttpException) {
    const body = original.getResponse() as { code: string; message: string; messageVi: string };
    return { ...formatted, message: body.message, extensions: { code: body.code, messageVi: body.messageVi } };
  }
  return formatted;
}

const SECRET = 'guard-spec-secret-0123456789-0123456789';

@Controller('probe')
class ProbeController {
  @Public()
  @Get('public')
  open(@CurrentUser() user?: AuthUser) {
    return { ok: true, sub: user?.sub ?? null };
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return user;
  }

  @Roles(Role.OFFICER, Role.LEADER)
  @Get('officers')
  officers(@CurrentUser('unitCode') unitCode: string) {
    return { unitCode };
  }
}

@ObjectType()
class Me {
  @Field() sub!: string;
  @Field(() => [Role]) roles!: Role[];
  @Field({ nullable: true }) unitCode?: string;
}

@Resolver()
class ProbeResolver {
  @Public()
  @Query(() => String)
  hello(): string {
    return 'xin chào';
  }

  @Query(() => Me)
  me(@CurrentUser() user: AuthUser): Me {
    return user;
  }

  @Roles(Role.ADMIN)
  @Query(() => String)
  adminOnly(@CurrentUser('sub') sub: string): string {
    return sub;
  }
}

@Module({
  imports: [
    AuthModule.forRoot({ config: { devSecret: SECRET, production: false } }),
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, playground: false, formatError }),
    DevTokenIssuerModule.registerIfEnabled(),
  ],
  controllers: [ProbeController],
  providers: [ProbeResolver],
})
class ProbeAppModule {}

async function createApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [ProbeAppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('AuthGuard through a Nest app (REST + GraphQL)', () => {
  let app: INestApplication;
  let officer: string;
  let citizen: string;
  let admin: string;

  beforeAll(async () => {
    app = await createApp();
    officer = await issueDevToken({ role: Role.OFFICER, unitCode: '00004', sub: 'officer-1' }, SECRET);
    citizen = await issueDevToken({ role: Role.CITIZEN, idNumber: '001203004567', sub: 'citizen-1' }, SECRET);
    admin = await issueDevToken({ role: Role.ADMIN, sub: 'admin-1' }, SECRET);
  });
  afterAll(() => app?.close());

  describe('REST', () => {
    it('lets anyone call @Public() routes, and ignores a bad token there', async () => {
      await request(app.getHttpServer()).get('/probe/public').expect(200, { ok: true, sub: null });
      await request(app.getHttpServer()).get('/probe/public').set('Authorization', 'Bearer junk').expect(200, { ok: true, sub: null });
      await request(app.getHttpServer()).get('/probe/public').set('Authorization', `Bearer ${officer}`).expect(200, { ok: true, sub: 'officer-1' });
    });

    it('answers 401 UNAUTHENTICATED without a token or with a bad one', async () => {
      for (const auth of [undefined, 'Bearer junk', 'Basic abc', `Bearer ${await issueDevToken({ role: Role.ADMIN }, 'wrong-secret-wrong-secret-wrong!!')}`]) {
        const req = request(app.getHttpServer()).get('/probe/me');
        if (auth) req.set('Authorization', auth);
        const res = await req.expect(401);
        expect(res.body).toEqual({
          code: 'UNAUTHENTICATED',
          message: expect.any(String),
          messageVi: 'Chưa đăng nhập hoặc mã thông báo không hợp lệ',
        });
      }
    });

    it('attaches the user for authenticated routes', async () => {
      const res = await request(app.getHttpServer()).get('/probe/me').set('Authorization', `Bearer ${officer}`).expect(200);
      expect(res.body).toEqual({ sub: 'officer-1', roles: ['OFFICER'], unitCode: '00004' });
    });

    it('enforces @Roles with 403 FORBIDDEN', async () => {
      await request(app.getHttpServer()).get('/probe/officers').set('Authorization', `Bearer ${officer}`).expect(200, { unitCode: '00004' });
      const res = await request(app.getHttpServer()).get('/probe/officers').set('Authorization', `Bearer ${citizen}`).expect(403);
      expect(res.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String), messageVi: 'Không có quyền thực hiện thao tác này' });
      await request(app.getHttpServer()).get('/probe/officers').expect(401);
    });
  });

  describe('GraphQL', () => {
    const gql = (query: string, token?: string) => {
      const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('Authorization', `Bearer ${token}`);
      return req.send({ query });
    };

    it('serves @Public() queries anonymously', async () => {
      const res = await gql('{ hello }');
      expect(res.body).toEqual({ data: { hello: 'xin chào' } });
    });

    it('injects @CurrentUser() into resolvers', async () => {
      const res = await gql('{ me { sub roles unitCode } }', officer);
      expect(res.body).toEqual({ data: { me: { sub: 'officer-1', roles: ['OFFICER'], unitCode: '00004' } } });
    });

    it('rejects anonymous calls to protected queries with UNAUTHENTICATED', async () => {
      const res = await gql('{ me { sub } }');
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res.body.errors[0])).toContain('Chưa đăng nhập');
    });

    it('rejects the wrong role with FORBIDDEN', async () => {
      const res = await gql('{ adminOnly }', officer);
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body.errors[0])).toContain('Không có quyền');
      const ok = await gql('{ adminOnly }', admin);
      expect(ok.body).toEqual({ data: { adminOnly: 'admin-1' } });
    });
  });
});
