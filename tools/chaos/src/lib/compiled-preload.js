'use strict';
// Preloaded (`node -r`) by the chaos suite's processes started from the compiled build
// (build.ts): resolves `@xaso/*` to the build's JavaScript, as tsconfig's paths do for sources.
const Module = require('node:module');
const { join } = require('node:path');

const aliases = require(join(process.env.CHAOS_BUILD_ROOT, 'aliases.json'));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, Object.prototype.hasOwnProperty.call(aliases, request) ? aliases[request] : request, ...rest);
};
