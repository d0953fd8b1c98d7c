const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Three tiers per app, lib and tool (every folder with a jest.config.js), as Jest projects named
 * `<name>:<tier>` (e.g. `merger-service:unit`), so one `jest` run covers all of them:
 *
 * - unit         `*.spec.ts` (not .int/.e2e): no engines; TEST_DATABASE_URL and KAFKA_BROKERS are
 *                removed, so a unit file that opens a database fails with a message to rename it.
 * - integration  `*.int.spec.ts`: real PostgreSQL and Kafka.
 * - e2e          `*.e2e.spec.ts`: through the gateway (or `npm start`'s launcher), engines too.
 *
 * The engines are a project-level globalSetup: Jest runs it only when a project that declares it
 * has tests to run, and only once for all of them (same module), so `npm run test:unit` or a single
 * unit file never starts PostgreSQL or Kafka. `XASO_TEST_TIERS=unit,integration` narrows the run.
 */
const TIERS = {
  unit: { testMatch: ['<rootDir>/**/*.spec.ts'], ignore: ['\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'], engines: false },
  integration: { testMatch: ['<rootDir>/**/*.int.spec.ts'], ignore: [], engines: true },
  e2e: { testMatch: ['<rootDir>/**/*.e2e.spec.ts'], ignore: [], engines: true },
};
const ENGINES_SETUP = join(__dirname, 'libs/testing/src/jest/global-setup.js');
const UNIT_SETUP = join(__dirname, 'libs/testing/src/jest/unit-tier.setup.js');

const selected = (process.env.XASO_TEST_TIERS ?? Object.keys(TIERS).join(','))
  .split(',')
  .map((tier) => tier.trim())
  .filter(Boolean);
for (const tier of selected) {
  if (!TIERS[tier]) throw new Error(`XASO_TEST_TIERS: unknown tier "${tier}" (known: ${Object.keys(TIERS).join(', ')})`);
}

const roots = ['apps', 'libs', 'tools']
  .flatMap((dir) => (existsSync(join(__dirname, dir)) ? readdirSync(join(__dirname, dir)).map((name) => join(dir, name)) : []))
  .filter((root) => existsSync(join(__dirname, root, 'jest.config.js')));

const projects = roots.flatMap((root) => {
  const base = require(join(__dirname, root, 'jest.config.js'));
  return selected.map((tier) => {
    const { testMatch, ignore, engines } = TIERS[tier];
    return {
      ...base,
      displayName: `${base.displayName}:${tier}`,
      testMatch,
      testPathIgnorePatterns: [...(base.testPathIgnorePatterns ?? []), ...ignore],
      ...(engines ? { globalSetup: ENGINES_SETUP } : { setupFiles: [...(base.setupFiles ?? []), UNIT_SETUP] }),
    };
  });
});

module.exports = {
  projects,
  testTimeout: 60_000,
  // Integration tests wait on PostgreSQL and Kafka more than on the CPU: 3 workers on 2 cores.
  maxWorkers: 3,
  // Stops whatever the engines setup started (nothing for a unit-only run).
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.js',
};
