import { kafkaSecurityFromEnv } from './kafka.transport';

describe('kafkaSecurityFromEnv (Strimzi KafkaUser / managed Kafka credentials)', () => {
  it('is empty without KAFKA_SASL_MECHANISM or KAFKA_SSL (compose, tests)', () => {
    expect(kafkaSecurityFromEnv({})).toEqual({});
  });

  it('reads SCRAM credentials and TLS', () => {
    expect(
      kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'xaso-merger', KAFKA_SASL_PASSWORD: 'pw', KAFKA_SSL: 'true' }),
    ).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'xaso-merger', password: 'pw' }, ssl: true });
  });

  it('refuses an unknown mechanism or missing credentials instead of connecting without them', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'kerberos' })).toThrow(/KAFKA_SASL_MECHANISM must be one of/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' })).toThrow(/needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/);
  });
});
