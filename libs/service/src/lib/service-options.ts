import type { AuthModuleOptions } from '@xaso/auth';
import type { IdempotencyOptions } from '@xaso/api';
import type { DestinationStream } from 'pino';

/** What every service accepts, besides its own options (tests, the all-in-one launcher). */
export interface ServiceOptions {
  /** Explicit database URL (tests, all-in-one); else <SERVICE>_DATABASE_URL, else DATABASE_URL. */
  databaseUrl?: string;
  /** Logging (default true); false silences Nest's and the request logs. */
  logger?: boolean;
  /** pino level (default LOG_LEVEL or info). */
  logLevel?: string;
  /** Tests capture log lines here. */
  logDestination?: DestinationStream;
  /** Logs, health and metrics (default true). */
  observability?: boolean;
  /** Auth overrides (tests). */
  auth?: AuthModuleOptions;
  /** Idempotency-Key retention and pruning. */
  idempotency?: IdempotencyOptions;
  /** Accepted for the launcher's uniform call; only services with `seedIfEmpty` use it (default true). */
  importIfEmpty?: boolean;
}

export interface ListenOptions {
  /** Default: PORT, else the service's default port. Use 0 for a free port. */
  port?: number;
  /** Interface to listen on (default `HOST`, else all interfaces). */
  host?: string;
}
