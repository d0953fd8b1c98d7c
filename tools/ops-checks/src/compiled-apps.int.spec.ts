import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import { randomBytes } from 'node:crypto';
import { buildInto } from './lib/build-output';
import { type K8sObject, REPO_ROOT, renderOverlay } from './lib/render';

// What the image runs, run here: the compiled JavaScript (npm run build, as in the Dockerfile's
// build stage) migrates, imports the admin units and serves merger-service against the real
// PostgreSQL and Kafka, and stops cleanly on SIGTERM (what tini passes on from the kubelet).
jest.setTimeout(300_000);

const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('the compiled apps (dist/) against PostgreSQL and Kafka', () => {
  let dist: string;
  let database: { url: string; drop(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dist = buildInto(`ops-compiled-${process.pid}`);
    database = await createTestDatabase('ops_compiled');
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      KAFKA_IDEMPOTENT: process.env.KAFKA_IDEMPOTENT,
      ADMIN_UNITS_DIR: join(REPO_ROOT, 'data/admin-units'),
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('runs every rendered migration Job as written (command, env; secrets filled with test values), twice without harm', async () => {
    const jobs = renderOverlay(join(REPO_ROOT, 'k8s'), 'staging').filter(
      (o: K8sObject) => o.kind === 'Job' && o.metadata.labels?.['app.kubernetes.io/component'] === 'migration',
    );
    expect(jobs).toHaveLength(5);
    const databases: Array<{ drop(): Promise<void> }> = [];
    try {
      for (const job of jobs) {
        const container = job.spec.template.spec.containers[0];
        const service = String(container.command.at(-1));
        const db = service === 'merger' ? database : await createTestDatabase(`ops_migrate_${service}`);
        if (db !== database) databases.push(db);
        const secretValue = (key: string) => (key === 'uri' ? db.url : key === 'keys' ? `k1:${randomBytes(32).toString('base64')}` : `test-${key}`);
        const jobEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
        for (const e of container.env ?? []) jobEnv[e.name] = e.value ?? (e.valueFrom?.secretKeyRef ? secretValue(e.valueFrom.secretKeyRef.key) : undefined);
        const [command, script, ...args] = container.command;
        expect(command).toBe('node');
        for (let round = 0; round < 2; round++) {
          const { stdout } = await run(process.execPath, [join(dist, script.replace(/^dist\//, '')), ...args], { env: jobEnv, cwd: dist });
          expect(stdout).toMatch(new RegExp(`\\[migrate\\] ${service}: schema up to date`));
        }
      }
    } finally {
      for (const db of databases) await db.drop();
    }
    await expect(run(process.execPath, [join(dist, 'libs/service/src/cli/migrate.js'), 'nosuch'], { env, cwd: dist })).rejects.toThrow(/usage: migrate <service>/);
  });

  it('imports the admin units (the import Job), and a rerun changes nothing', async () => {
    const first = await run(process.execPath, [join(dist, 'apps/merger-service/src/cli/import-units.js')], { env, cwd: dist });
    expect(first.stdout).toMatch(/units: \d+ \(created [1-9]\d*/);
    const second = await run(process.execPath, [join(dist, 'apps/merger-service/src/cli/import-units.js')], { env, cwd: dist });
    expect(second.stdout).toMatch(/units: (\d+) \(created 0, updated 0, unchanged \1\)/);
  });

  it('serves merger-service (health, metrics, GraphQL) and stops on SIGTERM within the grace period', async () => {
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, [join(dist, 'apps/merger-service/src/main.js')], {
      env: { ...env, PORT: String(port), MERGER_IMPORT_ON_START: 'false' },
      cwd: dist,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(
      'compiled merger-service to be ready',
      async () => {
        if (child!.exitCode !== null) throw new Error(`exited ${child!.exitCode}: ${output.slice(-2000)}`);
        return (await fetch(`${base}/health/ready`).catch(() => undefined))?.ok === true;
      },
      120_000,
      250,
    );
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/process_cpu_user_seconds_total/);
    const graphql = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });

    // Nest's shutdown hooks close the app, then re-raise the signal (exit 143 in a pod: a clean stop).
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })));
    const stopAsked = Date.now();
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(Date.now() - stopAsked).toBeLessThan(30_000); // well inside terminationGracePeriodSeconds (45)
  });
});
