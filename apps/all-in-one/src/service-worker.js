// Worker-thread entry of the all-in-one launcher: starts ONE service in its own worker thread, so
// its module registry (and @nestjs/graphql's process-global code-first type registry,
// nestjs/graphql#721) is its own. Plain JavaScript on purpose: it registers TypeScript itself.
//
// workerData: { name, definitionPath, port, databaseUrl, logger, seed }
// Protocol over parentPort:
//   worker → main  { type: 'ready', port, seeded, seedMs, osThreadId } | { type: 'error', message, stack }
//   main → worker  { type: 'close' }  →  worker closes the Nest app, posts { type: 'closed' }
//                                        (or { type: 'error', ... }) and exits.
//   main → worker  { type: 'cpu-profile', action: 'start' | 'stop', file? }  →  a V8 CPU profile of
//                  this thread (inspector), written to `file` on stop; answers { type: 'cpu-profile-done', error? }
//                  (used by bench/ to profile a measured window).
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
  return { port: app.getHttpServer().address().port, seeded, seedMs, osThreadId: osThreadId() };
}

/** This thread's Linux thread id (/proc/thread-self), so that its CPU time can be read apart (bench/). */
function osThreadId() {
  try {
    return Number(require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]);
  } catch {
    return undefined;
  }
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

let profiler;
function inspectorPost(method, params) {
  return new Promise((resolve, reject) => profiler.post(method, params || {}, (error, result) => (error ? reject(error) : resolve(result))));
}
async function cpuProfile(action, file) {
  if (action === 'start' && !profiler) {
    const { Session } = require('node:inspector');
    profiler = new Session();
    profiler.connect();
    await inspectorPost('Profiler.enable');
    await inspectorPost('Profiler.setSamplingInterval', { interval: 500 });
    await inspectorPost('Profiler.start');
  } else if (action === 'stop' && profiler) {
    const { profile } = await inspectorPost('Profiler.stop');
    profiler.disconnect();
    profiler = undefined;
    require('node:fs').writeFileSync(file, JSON.stringify(profile));
  }
}

parentPort.on('message', (message) => {
  if (message && message.type === 'close') closing ??= close();
  if (message && message.type === 'cpu-profile') {
    cpuProfile(message.action, message.file).then(
      () => post({ type: 'cpu-profile-done' }),
      (error) => post({ type: 'cpu-profile-done', error: String(error) }),
    );
  }
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
