module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'petition-service',
  rootDir: __dirname,
};
