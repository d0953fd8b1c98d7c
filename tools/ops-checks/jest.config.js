module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ops-checks',
  rootDir: __dirname,
};
