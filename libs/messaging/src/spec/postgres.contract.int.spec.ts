import { createTestDatabase } from '@xaso/testing';
import { PostgresTransport } from '../index';
import { describeMessagingContract } from './contract-suite';

// The bus database (EVENT_BUS_DATABASE_URL in embedded mode), separate from the services' one.
// This file-level beforeAll runs before the suite's, which creates the transport.
let bus: { url: string; drop(): Promise<void> } | undefined;
beforeAll(async () => {
  bus = await createTestDatabase('bus');
});
afterAll(async () => {
  await bus?.drop();
});

describeMessagingContract(
  'postgres',
  () => new PostgresTransport({ url: bus!.url, applicationName: 'messaging-contract', pollIntervalMs: 100, redeliveryDelayMs: 20 }),
);
