export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__XASO_TEST_INFRA__ as
    | { postgres: { stop(): Promise<void> }; kafka: { stop(): Promise<void> } }
    | undefined;
  if (!infra) return;
  await Promise.all([infra.kafka.stop(), infra.postgres.stop()]);
}
