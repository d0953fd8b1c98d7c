/** The test tier of the running file, as set by the root jest.config.js (unit files only). */
export const inUnitTier = (): boolean => process.env.XASO_TEST_TIER === 'unit';

/** Why an engine is not there: in the unit tier, rename the file; elsewhere, run through the root config. */
export function noEngineMessage(helper: string, variable: string): string {
  if (inUnitTier()) {
    const jestExpect = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect;
    const file = jestExpect?.getState().testPath ?? 'this test file';
    return `${helper}: unit tests (*.spec.ts) run without PostgreSQL and Kafka. ${file} needs a real engine: rename it to *.int.spec.ts (or *.e2e.spec.ts when it goes through the gateway)`;
  }
  return `${helper}: ${variable} is not set: run the tests through the root jest config (npm test, npm run test:integration, npx jest <file>)`;
}
