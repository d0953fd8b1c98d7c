/** Root globalTeardown: stops the engines the integration/e2e setup started (none in a unit-only run). */
export default async function globalTeardown(): Promise<void> {
  const global = globalThis as Record<string, unknown>;
  const infra = global.__XASO_TEST_INFRA__ as
    | { postgres: { stop(): Promise<void> }; kafka: { stop(): Promise<void> } }
    | undefined;
  if (!infra) return;
  delete global.__XASO_TEST_INFRA__;
  await Promise.all([infra.kafka.stop(), infra.postgres.stop()]);
}
