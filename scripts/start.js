#!/usr/bin/env node
// `npm start`: runs apps/all-in-one (gateway + every service + embedded PostgreSQL) in one
// process, each service in its own worker thread, compiled on the fly by @swc-node/register
// (decorator metadata and the @xaso/* paths come from tsconfig.json; the workers inherit the
// `-r` preload and SWC_NODE_PROJECT). Development defaults: AUTH_DEV_ISSUER=true. Signals are forwarded so
// Ctrl+C shuts everything down cleanly (also when npm, killed, left us behind); the exit code is the child's.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const env = { ...process.env };
env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.json');
env.AUTH_DEV_ISSUER ??= env.NODE_ENV === 'production' ? 'false' : 'true';

const child = spawn(
  process.execPath,
  [...process.execArgv, '-r', '@swc-node/register', path.join(root, 'apps', 'all-in-one', 'src', 'main.ts'), ...process.argv.slice(2)],
  { cwd: root, env, stdio: 'inherit' },
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}

// `npm start` runs this through `sh -c`; on SIGTERM npm and the shell exit at once without passing
// it on. When the process that started us is gone, stop as if we had been sent SIGTERM.
const parent = process.ppid;
const orphanWatch = setInterval(() => {
  if (process.ppid !== parent && child.exitCode === null) {
    clearInterval(orphanWatch);
    child.kill('SIGTERM');
  }
}, 250);
orphanWatch.unref();

child.on('exit', (code, signal) => {
  if (signal) process.exit(128 + (require('node:os').constants.signals[signal] ?? 0));
  process.exit(code ?? 1);
});
