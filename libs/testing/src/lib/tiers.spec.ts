import { startKafka } from './kafka';
import { createTestDatabase } from './postgres';
import { inUnitTier } from './tiers';

/** This file is a unit test: it proves the unit tier has no engines and says how to get them. */
describe('the unit tier', () => {
  it('runs without the engines’ addresses', () => {
    expect(inUnitTier()).toBe(true);
    expect(process.env.TEST_DATABASE_URL).toBeUndefined();
    expect(process.env.KAFKA_BROKERS).toBeUndefined();
  });

  it('refuses to open a database, naming the file to rename', async () => {
    await expect(createTestDatabase('unit_tier')).rejects.toThrow(/tiers\.spec\.ts needs a real engine: rename it to \*\.int\.spec\.ts/);
  });

  it('refuses to start Kafka', async () => {
    await expect(startKafka()).rejects.toThrow(/startKafka: unit tests \(\*\.spec\.ts\) run without PostgreSQL and Kafka/);
  });
});
