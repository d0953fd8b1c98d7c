// Jest loads global setup with a plain require (no moduleNameMapper): resolve the @xaso/* aliases
// of tsconfig.base.json here; the TS itself is compiled by the projects' SWC transform.
const path = require('node:path');
const { compilerOptions } = require('../../../../tsconfig.base.json');
require('tsconfig-paths').register({ baseUrl: path.join(__dirname, '../../../..'), paths: compilerOptions.paths });
module.exports = require('./global-setup.impl.ts').default;
