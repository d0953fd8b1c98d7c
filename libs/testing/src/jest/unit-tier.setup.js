// Runs before each unit-tier test file (a fresh copy of process.env per file): the unit tier has
// no engines, so the addresses of the integration tier's PostgreSQL and Kafka are taken away and
// createTestDatabase/startKafka refuse with a message to rename the file.
process.env.XASO_TEST_TIER = 'unit';
delete process.env.TEST_DATABASE_URL;
delete process.env.KAFKA_BROKERS;
