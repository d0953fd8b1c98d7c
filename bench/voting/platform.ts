import type { INestApplication } from '@nestjs/common';
import { dropDatabase, ensureDatabase, withDatabaseName } from '@xaso/persistence';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import { startGateway } from '../../apps/gateway/src/bootstrap';
import { startVotingService } from '../../apps/voting-service/src/bootstrap';
import { realAdminUnits } from '../../libs/testing/src/lib/admin-units';
import { runAsChild } from '../lib/child';

/**
 * The platform under test, in this (child) process: voting-service (its own database, the
 * in-process event bus) and the gateway in front of it, both listening on 127.0.0.1, as
 * `npm start` runs them. The service's admin-unit replica gets the real registry plus the two
 * villages the bench rolls live in (the registry has no villages). Tokens are HS256 dev tokens
 * signed by the parent with the AUTH_DEV_SECRET both share.
 */
export interface VotingPlatformInput {
  serverUrl: string;
  databaseName: string;
  commune: string;
  villages: string[];
}

export interface VotingPlatformInfo {
  origin: string;
  databaseUrl: string;
  description: string;
  timings: Record<string, number>;
}

const log = (message: string) => process.stderr.write(`[bench:voting-platform] ${message}\n`);

async function start(input: VotingPlatformInput): Promise<{ info: VotingPlatformInfo; close(): Promise<void> }> {
  const databaseUrl = withDatabaseName(input.serverUrl, input.databaseName);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  delete process.env.KAFKA_BROKERS; // the in-process bus
  delete process.env.EVENT_BUS_DATABASE_URL;
  const t0 = Date.now();
  const quiet = (process.env.LOG_LEVEL ?? 'warn') === 'silent';
  const service: INestApplication = await startVotingService({ databaseUrl, port: 0, host: '127.0.0.1', logger: !quiet, logLevel: process.env.LOG_LEVEL ?? 'warn' });
  const serviceUrl = (await service.getUrl()).replace('[::1]', '127.0.0.1');
  const replica = service.get(UnitReplica);
  await replica.upsert(realAdminUnits().map(replicaUnitInputOf));
  await replica.upsert(input.villages.map((code, i) => ({ code, name: `Thôn ${i + 1}`, level: 'VILLAGE', parentCode: input.commune, parentValidFrom: '2025-07-01' })));
  const serviceMs = Date.now() - t0;
  const gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'voting', url: `${serviceUrl}/graphql` }], logger: false });
  const origin = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
  log(`voting-service at ${serviceUrl}, gateway at ${origin} (${Date.now() - t0} ms)`);
  return {
    info: {
      origin,
      databaseUrl,
      description: `gateway (Apollo Federation 2 /graphql and the REST proxy) → voting-service, both in one process, in-process event bus (outbox written in the same transaction), LOG_LEVEL=${process.env.LOG_LEVEL ?? 'warn'}`,
      timings: { service: serviceMs, total: Date.now() - t0 },
    },
    close: async () => {
      await gateway.close();
      await service.close();
    },
  };
}

if (require.main === module) runAsChild<VotingPlatformInput, VotingPlatformInfo>(start);
