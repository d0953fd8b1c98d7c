import { logLevel } from 'kafkajs';
import { KafkaTransport } from '../index';
import { describeMessagingContract } from './contract-suite';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests through the root jest config');

describeMessagingContract(
  'kafka',
  () =>
    new KafkaTransport({
      brokers: brokers.split(','),
      clientId: 'messaging-contract',
      logLevel: logLevel.NOTHING,
      retry: { retries: 6, initialRetryTime: 50, maxRetryTime: 1_000 },
      sessionTimeout: 6_000,
      heartbeatInterval: 500,
      rebalanceTimeout: 3_000,
      maxWaitTimeInMs: 50,
      redeliveryDelayMs: 50,
    }),
);
