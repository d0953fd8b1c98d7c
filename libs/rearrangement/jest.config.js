module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'rearrangement',
  rootDir: __dirname,
};
