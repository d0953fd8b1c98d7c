/**
 * A DomainError thrown anywhere — a resolver, a controller, a use case they call — reaches the
 * client coded and bilingual with no wrapper: GraphQL `extensions`, REST problem+json with the
 * status of its kind. A real Nest app (Apollo federation subgraph + Express), no engines.
 */
import { Controller, Get, type INestApplication, Injectable, Module, Param } from '@nestjs/common';
import { Args, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { DomainError } from '@xaso/errors';
import request from 'supertest';
import { ApiModule } from './api.module';
import { subgraphGraphQLModule } from './subgraph';

class ParcelLockedError extends DomainError {
  constructor(parcel: string) {
    super('PARCEL_LOCKED', `Parcel ${parcel} is locked`, `Thửa đất ${parcel} đang bị khóa`, 'conflict', { parcel });
  }
}

/** Stands for a use case: plain code that throws the domain's error. */
@Injectable()
class LockedParcels {
  open(parcel: string): string {
    if (parcel.startsWith('L')) throw new ParcelLockedError(parcel);
    if (parcel === 'secret') throw new DomainError('PARCEL_SECRET', 'Not yours', 'Không phải của bạn', 'forbidden');
    return parcel;
  }
}

@ObjectType()
class Parcel {
  @Field() code!: string;
}

@Resolver(() => Parcel)
class ParcelResolver {
  constructor(private readonly parcels: LockedParcels) {}
  @Query(() => Parcel)
  parcel(@Args('code') code: string): Parcel {
    return { code: this.parcels.open(code) };
  }
}

@Controller('api/v1/parcels')
class ParcelController {
  constructor(private readonly parcels: LockedParcels) {}
  @Get(':code')
  async get(@Param('code') code: string): Promise<Parcel> {
    return { code: this.parcels.open(code) };
  }
}

@Module({
  imports: [ApiModule, subgraphGraphQLModule({ service: 'parcels' })],
  controllers: [ParcelController],
  providers: [LockedParcels, ParcelResolver],
})
class ParcelsModule {}

describe('DomainError mapping (no wrapper at the throw site)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ParcelsModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app?.close());

  it('GraphQL: extensions carry the code, both languages and the details', async () => {
    const res = await request(app.getHttpServer()).post('/graphql').send({ query: '{ parcel(code: "L-7") { code } }' });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({
      message: 'Parcel L-7 is locked',
      path: ['parcel'],
      extensions: { code: 'PARCEL_LOCKED', messageEn: 'Parcel L-7 is locked', messageVi: 'Thửa đất L-7 đang bị khóa', details: { parcel: 'L-7' } },
    });
    const ok = await request(app.getHttpServer()).post('/graphql').send({ query: '{ parcel(code: "P-1") { code } }' });
    expect(ok.body).toEqual({ data: { parcel: { code: 'P-1' } } });
  });

  it('REST: problem+json with the status of the kind', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/parcels/L-7');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:xaso:problem:parcel-locked',
      status: 409,
      code: 'PARCEL_LOCKED',
      detail: 'Parcel L-7 is locked',
      detail_vi: 'Thửa đất L-7 đang bị khóa',
      details: { parcel: 'L-7' },
    });
    const forbidden = await request(app.getHttpServer()).get('/api/v1/parcels/secret');
    expect([forbidden.status, forbidden.body.code, forbidden.body.detail_vi]).toEqual([403, 'PARCEL_SECRET', 'Không phải của bạn']);
  });
});
