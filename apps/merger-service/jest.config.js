module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'merger-service',
  rootDir: __dirname,
};
