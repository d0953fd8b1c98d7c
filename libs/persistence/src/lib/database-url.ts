/**
 * Where a service's database lives.
 *
 * - `<SERVICE>_DATABASE_URL` (e.g. `MERGER_DATABASE_URL`) names it directly;
 * - otherwise `DATABASE_URL`: a service started alone uses that database as it is; in the
 *   all-in-one process (`perServiceDatabase`) each service gets its own database
 *   `xaso_<service>` on the same server, so the database-per-service rule holds there too.
 */
export function serviceDatabaseEnvName(service: string): string {
  return `${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_DATABASE_URL`;
}

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

export function serviceDatabaseName(service: string): string {
  return `xaso_${service.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
}

export function resolveServiceDatabaseUrl(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
  perServiceDatabase = false,
): string | undefined {
  const specific = env[serviceDatabaseEnvName(service)];
  if (specific) return specific;
  if (!env.DATABASE_URL) return undefined;
  return perServiceDatabase ? withDatabaseName(env.DATABASE_URL, serviceDatabaseName(service)) : env.DATABASE_URL;
}
