import { Logger } from '@nestjs/common';
import { startAllInOne } from './all-in-one';

/**
 * `npm start`: the whole back end in one process (see scripts/start.js). Prints the gateway URL
 * and a ready line with the elapsed time since the process started.
 */
async function main(): Promise<void> {
  const log = new Logger('AllInOne');
  let stopping = 0;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // Ctrl+C reaches this process twice (from the terminal and forwarded by scripts/start.js):
      // only a repeat after a moment means "stop waiting".
      if (Date.now() - stopping < 2_000) return;
      log.warn(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = Date.now();
    log.log(`${signal}: shutting down (gateway, services, database)`);
    const timer = setTimeout(() => {
      log.error('shutdown took longer than 15 s: exiting');
      process.exit(1);
    }, 15_000);
    timer.unref();
    // A signal during start-up waits for the start to settle, then stops what did start.
    const system = await starting.catch(() => undefined);
    await system?.stop();
    log.log('stopped');
    process.exit(0);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handlers = new Map(signals.map((signal) => [signal, () => void shutdown(signal)]));
  for (const [signal, handler] of handlers) process.on(signal, handler);

  const starting = startAllInOne({
    onFatal: () => {
      log.error('stopped after a service crashed');
      process.exit(1);
    },
  });
  const running = await starting;
  // This process owns shutdown order (gateway, services, then PostgreSQL): listeners that others
  // registered on the signals (e.g. shutdown hooks that stop and exit at once) are removed.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (listener !== handlers.get(signal)) process.removeListener(signal, listener as () => void);
    }
  }
  if (stopping) return;
  const elapsed = process.uptime().toFixed(1);
  const url = running.gatewayUrl;
  const lines = [
    '',
    `  Xã Số is running (${running.services.map((s) => s.name).join(', ')}; PostgreSQL ${running.embedded ? 'embedded' : 'external'}; one worker thread per service; events over ${process.env.KAFKA_BROKERS ? 'Kafka' : `the bus database ${running.eventBusUrl ? new URL(running.eventBusUrl).pathname.slice(1) : ''}`})`,
    `  GraphQL      ${url}/graphql`,
    `  REST         ${url}/api/v1/administrative-units/00004`,
    `  API docs     ${url}/api/docs`,
    `  Health       ${url}/health/ready   Metrics ${url}/metrics`,
    ...(running.dataDir ? [`  Data         ${running.dataDir}`] : []),
    ...(process.env.AUTH_DEV_ISSUER === 'true' ? [`  Dev tokens   POST ${url}/auth/dev/token  {"role":"OFFICER","unitCode":"00004"}`] : []),
    ...running.failed.map((f) => `  NOT STARTED  ${f.name}-service: ${f.error.split('\n')[0]}`),
    `  phases (ms): ${Object.entries(running.timings).map(([k, v]) => `${k}=${v}`).join(' ')}`,
    '',
    `Ready in ${elapsed} s on ${url}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: Error) => {
  // Every part that did start was stopped; the services' own stacks were logged above.
  process.stderr.write(`\nXã Số did not start: ${error.message}\n`);
  process.exit(1);
});
