import { runAsChild } from '../lib/child';
import type { StoreKind } from '../baseline/stores';

export interface PlatformInput {
  /** URL of the PostgreSQL server's maintenance database. */
  serverUrl: string;
  /** Fresh databases `<prefix>_<service>` are created for the run. */
  databasePrefix: string;
}

export interface PlatformInfo {
  /** The gateway's origin, e.g. http://127.0.0.1:43123. */
  origin: string;
  /** A bearer token the submissions carry. */
  token: string;
  description: string;
  /** Databases created for the run (the parent drops them at the end). */
  databaseUrls: string[];
  /** The dossier service's database: the baseline runs the same SQL on it. */
  dossierDatabaseUrl: string;
  baselineStore: StoreKind;
  procedureCodes: string[];
  receivingUnitCodes: string[];
}

async function startPlatform(input: PlatformInput): Promise<{ info: PlatformInfo; close(): Promise<void> }> {
  void input;
  throw new Error('apps/dossier-service is not there yet (no apps/dossier-service/src/bootstrap.ts)');
}

if (require.main === module) {
  runAsChild<PlatformInput, PlatformInfo>(startPlatform);
}
