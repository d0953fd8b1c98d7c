import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { Role } from '@xaso/auth';
import { dropDatabase, ensureDatabase, serviceDatabaseEnvName, withDatabaseName } from '@xaso/persistence';
import { startAllInOne } from '../../apps/all-in-one/src/all-in-one';
import { runAsChild, type ChildTarget } from '../lib/child';
import { ThreadProfiler } from '../lib/profiler';
import { currentOsThreadId, threadCpuMs } from '../lib/cpu';
import type { StoreKind } from '../baseline/stores';

/** bench/targets/ → the repository root (the unit data is carried in its data/ folder). */
const REPO_ROOT = join(__dirname, '..', '..');

/**
 * The platform under test, in this (child) process: merger-service and dossier-service on
 * internal ports and the gateway in front of them, started by the all-in-one launcher against
 * fresh databases on the given PostgreSQL server, events over the PostgreSQL bus database. The merger
 * imports the real administrative units; their `admin-unit.*` events fill the dossier service's
 * unit replica before the benchmark starts.
 */
export interface PlatformInput {
  /** URL of the PostgreSQL server's maintenance database. */
  serverUrl: string;
  /** Fresh databases `<prefix>_<service>` are created for the run. */
  databasePrefix: string;
  /** How many receiving units the submissions rotate over (one officer token each). */
  unitCount: number;
  /** Services to start (dossier is required; merger feeds the unit replica). */
  services: string[];
  /** Said in the description (why a service was left out). */
  note?: string;
}

export interface PlatformTokens {
  /** Citizen (no id-number claim: may submit for any applicant, ONLINE only). */
  citizen: string;
  /** Officer of each receiving unit (DIRECT and POSTAL submissions at that unit's counter). */
  officers: Record<string, string>;
}

export interface PlatformInfo {
  /** The gateway's origin, e.g. http://127.0.0.1:43123. */
  origin: string;
  tokens: PlatformTokens;
  description: string;
  /** Databases created for the run (the parent drops them at the end). */
  databaseUrls: string[];
  /** The dossier service's database: the baseline runs the same SQL on it. */
  dossierDatabaseUrl: string;
  baselineStore: StoreKind;
  procedureCodes: string[];
  receivingUnitCodes: string[];
  timings: Record<string, number>;
}

const log = (message: string) => process.stderr.write(`[bench:platform] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Waits (bounded) until the unit replica stops changing: the events of the merger's import have
 * been applied, so that they are not being consumed while the benchmark measures. An empty
 * replica that stays empty (no merger, or no per-unit events) ends the wait after a few seconds.
 */
async function waitForReplica(dossierUrl: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stable = 0;
  while (Date.now() < deadline) {
    const [{ n }] = await query<{ n: number }>(dossierUrl, 'SELECT count(*)::int AS n FROM admin_unit_replica');
    if (n === last) {
      if (++stable >= (n > 0 ? 3 : 5)) return n;
    } else {
      stable = 0;
    }
    last = n;
    await sleep(1_000);
  }
  return Math.max(last, 0);
}

function communesFromCsv(count: number): string[] {
  const csv = readFileSync(join(REPO_ROOT, 'data', 'admin-units', 'units-2025.csv'), 'utf8');
  return csv
    .split('\n')
    .filter((line) => line.startsWith('commune,'))
    .slice(0, count)
    .map((line) => line.split(',')[1]);
}

/** An RS256 key pair for this run: the platform verifies with the public key, the bench signs its tokens (12 h). */
async function rs256Signer(): Promise<{ publicKeyPem: string; sign(claims: { roles: string[]; sub: string; name?: string; unitCode?: string }): Promise<string> }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return {
    publicKeyPem: await exportSPKI(publicKey),
    sign: ({ sub, ...claims }) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).setSubject(sub).setIssuedAt().setJti(randomUUID()).setExpirationTime('12h').sign(privateKey),
  };
}

async function startPlatform(input: PlatformInput): Promise<ChildTarget<PlatformInfo>> {
  const urls = Object.fromEntries(input.services.map((s) => [s, withDatabaseName(input.serverUrl, `${input.databasePrefix}_${s}`)]));
  // A bus database of the run's own: `xaso_bus` is `npm start`'s, and a platform running against the
  // same server would consume the bench's events (same consumer groups) and poll with it.
  const busUrl = withDatabaseName(input.serverUrl, `${input.databasePrefix}_bus`);
  for (const url of [...Object.values(urls), busUrl]) {
    await dropDatabase(url);
    await ensureDatabase(url);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, EVENT_BUS_DATABASE_URL: busUrl };
  for (const s of input.services) env[serviceDatabaseEnvName(s)] = urls[s];
  delete env.KAFKA_BROKERS; // the PostgreSQL bus, as `npm start` runs it
  const signer = await rs256Signer();
  // The gateway runs in this thread and reads process.env; the services' threads get `env`.
  process.env.AUTH_PUBLIC_KEY_PEM = env.AUTH_PUBLIC_KEY_PEM = signer.publicKeyPem;
  // The baseline writes its dossiers into this database too: the deadline scan (once a minute) would flag
  // tens of thousands of them as due soon and publish their events in the middle of a later scenario.
  env.DOSSIER_DEADLINE_SCAN_INTERVAL_MS = '0';

  const started = Date.now();
  const running = await startAllInOne({
    port: 0,
    serviceBasePort: 0,
    services: input.services,
    databaseUrl: input.serverUrl,
    seed: true,
    logger: false,
    strict: true,
    env,
  });
  log(`started ${running.services.map((s) => s.name).join(', ')} + gateway in ${Date.now() - started} ms`);
  try {
    const replica = await waitForReplica(urls.dossier, 120_000);
    log(`unit replica: ${replica} units`);
    const procedures = await query<{ code: string }>(urls.dossier, 'SELECT code FROM procedure WHERE active ORDER BY code LIMIT 4');
    if (!procedures.length) throw new Error('the dossier service has no active procedure');
    let units = (
      await query<{ code: string }>(
        urls.dossier,
        `SELECT DISTINCT code FROM admin_unit_replica
          WHERE valid_to IS NULL AND parent_code IS NOT NULL AND length(code) = 5 ORDER BY code LIMIT $1`,
        [input.unitCount],
      )
    ).map((r) => r.code);
    if (!units.length) units = communesFromCsv(input.unitCount);

    const tokens: PlatformTokens = {
      citizen: await signer.sign({ roles: [Role.CITIZEN], sub: 'bench-citizen', name: 'Bench Citizen' }),
      officers: {},
    };
    for (const unit of units) {
      tokens.officers[unit] = await signer.sign({ roles: [Role.OFFICER], sub: `bench-officer-${unit}`, unitCode: unit });
    }
    const port = (running.gateway.getHttpServer().address() as AddressInfo).port;
    const info: PlatformInfo = {
      origin: `http://127.0.0.1:${port}`,
      tokens,
      description:
        `gateway /graphql (Apollo Federation 2) → dossier-service subgraph; ${running.services.map((s) => `${s.name}-service`).join(' + ')} ` +
        `(one worker thread each) and the gateway started in one process by the all-in-one launcher; ` +
        `events over ${running.eventBusUrl ? 'the PostgreSQL bus database' : 'Kafka'}; unit replica ${replica} units; LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}` +
        (input.note ? `; ${input.note}` : ''),
      databaseUrls: Object.values(urls),
      dossierDatabaseUrl: urls.dossier,
      baselineStore: 'dossier-service',
      procedureCodes: procedures.map((p) => p.code),
      receivingUnitCodes: units,
      timings: { ...running.timings, total: Date.now() - started },
    };
    // CPU per part: the gateway runs in this (main) thread, each service in its worker thread; the
    // rest of `total` is V8's GC helpers and the libuv pool (webcrypto, DNS, fs) of all of them.
    const mainThread = currentOsThreadId();
    const cpu = () => {
      const parts: Record<string, number | undefined> = { gateway: threadCpuMs(mainThread) };
      for (const s of running.services) parts[s.name] = threadCpuMs(s.osThreadId);
      return parts;
    };
    const gatewayProfiler = new ThreadProfiler();
    const profile = async (action: 'start' | 'stop', prefix: string) => {
      if (action === 'start') await gatewayProfiler.start();
      else await gatewayProfiler.stop(`${prefix}-gateway.cpuprofile`);
      await Promise.all(running.services.map((s) => s.cpuProfile(action, `${prefix}-${s.name}.cpuprofile`)));
    };
    return { info, close: () => running.stop(), cpu, profile };
  } catch (error) {
    await running.stop();
    throw error;
  }
}

if (require.main === module) {
  runAsChild<PlatformInput, PlatformInfo>(startPlatform);
}
