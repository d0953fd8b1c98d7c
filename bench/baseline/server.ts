import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { runAsChild } from '../lib/child';
import type { SubmitDossierInput } from '../lib/fixtures';
import { createStore, type StoreKind } from './stores';
import type { BaselineStore } from './store';

/**
 * The baseline: a bare Fastify + pg server doing the dossier service's INSERT on
 * `POST /dossiers` and its SELECT on `GET /track/:code?last4=`, with no Nest, GraphQL,
 * federation, auth or outbox in between. JSON-schema validation of the body is kept (Fastify's
 * built-in ajv), so that the comparison is not against an endpoint that checks nothing.
 */
export interface BaselineOptions {
  databaseUrl: string;
  /** 0 = a free port. */
  port?: number;
  /** Pool size (default 10, the same as TypeORM's pg default). */
  poolSize?: number;
  /**
   * Which SQL to run: `dossier-service` = the dossier service's own tables (its migrations must
   * have run on `databaseUrl`); `provisional` = bench-only tables of the same shape.
   */
  storeKind: StoreKind;
}

export interface BaselineInfo {
  origin: string;
  store: string;
  /** Whether `GET /units/:unit/dossiers` is served (the dossier service's tables only). */
  list: boolean;
}

const submitSchema = {
  body: {
    type: 'object',
    required: ['procedureCode', 'receivingUnitCode', 'channel', 'applicant', 'formData'],
    additionalProperties: false,
    properties: {
      procedureCode: { type: 'string', minLength: 1, maxLength: 50 },
      receivingUnitCode: { type: 'string', pattern: '^[0-9]{2,5}$' },
      channel: { type: 'string', enum: ['ONLINE', 'DIRECT', 'POSTAL'] },
      applicant: {
        type: 'object',
        required: ['fullName', 'idNumber'],
        additionalProperties: false,
        properties: {
          fullName: { type: 'string', minLength: 1, maxLength: 200 },
          idNumber: { type: 'string', pattern: '^[0-9]{12}$' },
          phone: { type: 'string', pattern: '^\\+?[0-9]{8,15}$' },
          email: { type: 'string', maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' },
          address: { type: 'string', maxLength: 500 },
        },
      },
      formData: { type: 'object' },
      attachments: {
        type: 'array',
        maxItems: 50,
        items: {
          type: 'object',
          required: ['name', 'mediaType', 'size', 'sha256'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 255 },
            mediaType: { type: 'string', pattern: '^[\\w.+-]+/[\\w.+-]+$' },
            size: { type: 'integer', minimum: 0 },
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          },
        },
      },
    },
  },
} as const;

const trackSchema = {
  params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 40 } } },
  querystring: { type: 'object', required: ['last4'], properties: { last4: { type: 'string', pattern: '^[0-9]{4}$' } } },
} as const;

export async function buildBaseline(pool: Pool, store: BaselineStore): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.post<{ Body: SubmitDossierInput }>('/dossiers', { schema: submitSchema }, async (request, reply) => {
    try {
      const dossier = await store.submit({ ...request.body, attachments: request.body.attachments ?? [] });
      return reply.code(201).send(dossier);
    } catch (error) {
      const statusCode = (error as { statusCode?: number }).statusCode;
      if (statusCode) return reply.code(statusCode).send({ message: (error as Error).message });
      throw error;
    }
  });
  app.get<{ Params: { code: string }; Querystring: { last4: string } }>('/track/:code', { schema: trackSchema }, async (request, reply) => {
    const dossier = await store.track(request.params.code, request.query.last4);
    if (!dossier) return reply.code(404).send({ code: 'DOSSIER_NOT_FOUND', message: 'Dossier not found' });
    return dossier;
  });
  const list = store.list?.bind(store);
  if (list) {
    const listSchema = {
      params: { type: 'object', required: ['unit'], properties: { unit: { type: 'string', pattern: '^[0-9]{2,5}$' } } },
      querystring: { type: 'object', properties: { first: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
    } as const;
    app.get<{ Params: { unit: string }; Querystring: { first: number } }>('/units/:unit/dossiers', { schema: listSchema }, async (request) =>
      list(request.params.unit, request.query.first),
    );
  }
  app.get('/health', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });
  app.addHook('onClose', async () => pool.end());
  return app;
}

export async function startBaseline(options: BaselineOptions): Promise<{ info: BaselineInfo; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  const store = createStore(options.storeKind, pool);
  await store.prepare();
  const app = await buildBaseline(pool, store);
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return { info: { origin: address, store: store.description, list: typeof store.list === 'function' }, close: () => app.close() };
}

if (require.main === module) {
  runAsChild<BaselineOptions, BaselineInfo>((input) => startBaseline(input));
}
