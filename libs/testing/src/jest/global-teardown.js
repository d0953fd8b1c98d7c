module.exports = require('./global-teardown.impl.ts').default;
