import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { runAsChild } from '../lib/child';

/**
 * The baseline of `castBallot`: a bare Fastify + pg server that, on `POST /cast {voterKey, choice}`,
 * writes what the service writes for a ballot, on the same database and the same tables, in one
 * transaction: the participation row (poll, roll key, channel, the poll's day; its primary key
 * refuses a second ballot) and the ballot row (tracker = SHA-256 over the canonical JSON of the
 * choice and a 128-bit nonce, choice). No Nest, GraphQL, federation, token, roll lookup, poll
 * lock or outbox. JSON-schema validation of the body is kept.
 */
export interface VotingBaselineInput {
  databaseUrl: string;
  pollId: string;
  pollDay: string;
  choices: string[];
}

export interface VotingBaselineInfo {
  origin: string;
}

async function start(input: VotingBaselineInput): Promise<{ info: VotingBaselineInfo; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: input.databaseUrl, max: 10 });
  const app = Fastify({ logger: false });
  const schema = {
    body: {
      type: 'object',
      required: ['voterKey', 'choice'],
      additionalProperties: false,
      properties: { voterKey: { type: 'string', minLength: 1, maxLength: 64 }, choice: { type: 'string', enum: input.choices } },
    },
  } as const;
  app.post<{ Body: { voterKey: string; choice: string } }>('/cast', { schema }, async (request, reply) => {
    const { voterKey, choice } = request.body;
    const nonce = randomBytes(16).toString('hex');
    const tracker = createHash('sha256').update(`{"choice":${JSON.stringify(choice)},"nonce":"${nonce}"}`).digest('hex');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO poll_participation (poll_id, entry_key, channel, poll_day) VALUES ($1, $2, 'ONLINE', $3::date)`, [input.pollId, voterKey, input.pollDay]);
      await client.query(`INSERT INTO poll_ballot (poll_id, tracker, choice) VALUES ($1, $2, $3)`, [input.pollId, tracker, choice]);
      await client.query('COMMIT');
      return { tracker };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if ((error as { code?: string }).code === '23505') return reply.code(409).send({ code: 'ALREADY_VOTED' });
      throw error;
    } finally {
      client.release();
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    info: { origin: `http://127.0.0.1:${port}` },
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

if (require.main === module) runAsChild<VotingBaselineInput, VotingBaselineInfo>(start);
