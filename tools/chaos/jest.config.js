// The shortened chaos run (chaos.e2e.spec.ts, 2.5–4 min) is part of the default `npm test` (its e2e
// tier); `npm run test:chaos` runs it alone and `npm run chaos` is the full record.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'chaos',
  rootDir: __dirname,
};
