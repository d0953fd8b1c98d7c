#!/usr/bin/env node
// `npm run build [-- <outDir>]`: compiles the deployable TypeScript (apps/*/src and libs/*/src,
// without tests, the test harness and the all-in-one launcher) to CommonJS JavaScript in
// `dist/` (default) with SWC, keeping the folder layout, so `node dist/apps/<app>/src/main.js`
// runs a service without a compiler at start. Decorator metadata and the `@xaso/*` paths come
// from tsconfig.base.json (SWC rewrites the aliases to relative requires). The container image
// (Dockerfile) runs this in its build stage.
'use strict';
const { readdirSync, readFileSync, mkdirSync, writeFileSync, rmSync, statSync } = require('node:fs');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist');
const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));

/** Not part of a deployment: tests, their helpers and fixtures, the schema-drift tooling, the dev-only launcher. */
const SKIPPED_DIRS = new Set(['test', 'spec', 'fuzz', 'fixtures', 'schema-check', 'node_modules']);
const SKIPPED_PROJECTS = new Set(['apps/all-in-one', 'libs/testing']);
const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(spec|test)\.ts$/.test(file);

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* sources(full);
    } else if (isSource(entry.name)) yield full;
  }
}

const projects = ['apps', 'libs'].flatMap((group) =>
  readdirSync(path.join(root, group))
    .map((name) => `${group}/${name}`)
    .filter((project) => !SKIPPED_PROJECTS.has(project) && statSync(path.join(root, project, 'src'), { throwIfNoEntry: false })?.isDirectory()),
);

const swcOptions = {
  swcrc: false,
  configFile: false,
  sourceMaps: false,
  module: { type: 'commonjs', strictMode: true },
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
};

rmSync(outDir, { recursive: true, force: true });
let count = 0;
for (const project of projects) {
  for (const file of sources(path.join(root, project, 'src'))) {
    const { code } = transformFileSync(file, { ...swcOptions, filename: file });
    const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, code);
    count += 1;
  }
}
console.log(`[build] ${count} files from ${projects.length} projects → ${path.relative(root, outDir) || outDir}`);
