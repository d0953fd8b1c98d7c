// Worker-thread entry of the all-in-one launcher: starts ONE service in its own worker thread, so
// its module registry (and @nestjs/graphql's process-global code-first type registry,
// nestjs/graphql#721) is its own. Plain JavaScript on purpose: it registers TypeScript itself.
//
// workerData: { name, definitionPath, port, databaseUrl, logger, seed }
// Protocol over parentPort:
//   worker → main  { type: 'ready', port, seeded, seedMs } | { type: 'error', message, stack }
//   main → worker  { type: 'close' }  →  worker closes the Nest app, posts { type: 'closed' }
//                                        (or { type: 'error', ... }) and exits.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
// @swc-node/register reads SWC_NODE_PROJECT when it registers: the @xaso/* paths and decorator
// metadata come from tsconfig.json. When the main thread was started with `-r @swc-node/register`
// the worker inherited that preload (execArgv) and .ts is already registered.
process.env.SWC_NODE_PROJECT ??= path.join(repoRoot, 'tsconfig.json');
if (!require.extensions['.ts']) require('@swc-node/register');

const post = (message) => parentPort.postMessage(message);
const errorMessage = (error) => ({
  type: 'error',
  message: error instanceof Error ? error.message : String(error),
  stack: error instanceof Error ? error.stack : undefined,
});

let app;
let closing;

async function start() {
  const { startCatalogueService } = require('./services.ts');
  const started = await startCatalogueService(
    { name: workerData.name, definitionPath: workerData.definitionPath },
    { port: workerData.port, databaseUrl: workerData.databaseUrl, logger: workerData.logger },
  );
  app = started.app;
  let seeded = false;
  let seedMs = 0;
  if (workerData.seed && started.seedIfEmpty) {
    const began = performance.now();
    seeded = Boolean(await started.seedIfEmpty());
    seedMs = Math.round(performance.now() - began);
  }
  return { port: app.getHttpServer().address().port, seeded, seedMs };
}

async function close() {
  try {
    if (app) await app.close();
    post({ type: 'closed' });
  } catch (error) {
    post(errorMessage(error));
  } finally {
    // Whatever the app left open (pools, timers) must not keep the thread alive.
    setTimeout(() => process.exit(0), 50);
  }
}

parentPort.on('message', (message) => {
  if (message && message.type === 'close') closing ??= close();
});

start().then(
  (ready) => {
    if (closing) return; // asked to close while starting: close() answers
    post({ type: 'ready', ...ready });
  },
  async (error) => {
    post(errorMessage(error));
    if (app) await app.close().catch(() => undefined);
    setTimeout(() => process.exit(1), 50);
  },
);
