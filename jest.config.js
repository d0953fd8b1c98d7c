const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

// Every app, lib and tool with a jest.config.js is a Jest project; one `jest` run covers them
// all in parallel workers, sharing one PostgreSQL server and one Kafka-protocol cluster.
const projects = ['apps', 'libs', 'tools']
  .flatMap((dir) => (existsSync(join(__dirname, dir)) ? readdirSync(join(__dirname, dir)).map((name) => join(dir, name)) : []))
  .filter((root) => existsSync(join(__dirname, root, 'jest.config.js')))
  .map((root) => `<rootDir>/${root}`);

module.exports = {
  projects,
  testTimeout: 60_000,
  // Integration tests wait on PostgreSQL and Kafka more than on the CPU: 3 workers on 2 cores.
  maxWorkers: 3,
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.js',
};
