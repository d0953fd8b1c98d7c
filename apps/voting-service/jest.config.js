module.exports = { ...require('../../jest.preset.js'), displayName: 'voting-service', rootDir: __dirname };
