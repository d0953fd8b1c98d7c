module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sealing',
  rootDir: __dirname,
};
