module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'dossier-service',
  rootDir: __dirname,
};
