module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'unit-replica',
  rootDir: __dirname,
};
