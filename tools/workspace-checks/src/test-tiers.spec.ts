import { join } from 'node:path';

const root = join(__dirname, '../../..');

interface ProjectConfig {
  displayName: string;
  rootDir: string;
  testMatch: string[];
  testPathIgnorePatterns: string[];
  globalSetup?: string;
  setupFiles?: string[];
}
interface RootConfig {
  projects: ProjectConfig[];
  globalSetup?: string;
  globalTeardown?: string;
}

/** The root jest.config.js as Jest would load it with XASO_TEST_TIERS set to `tiers` (undefined: all). */
function rootConfig(tiers?: string): RootConfig {
  const saved = process.env.XASO_TEST_TIERS;
  if (tiers === undefined) delete process.env.XASO_TEST_TIERS;
  else process.env.XASO_TEST_TIERS = tiers;
  try {
    let config!: RootConfig;
    jest.isolateModules(() => {
      config = require(join(root, 'jest.config.js'));
    });
    return config;
  } finally {
    if (saved === undefined) delete process.env.XASO_TEST_TIERS;
    else process.env.XASO_TEST_TIERS = saved;
  }
}

const tierOf = (project: ProjectConfig) => project.displayName.split(':')[1];

describe('test tiers (root jest.config.js)', () => {
  it('makes every app, lib and tool three projects <name>:unit|integration|e2e', () => {
    const { projects } = rootConfig();
    const names = projects.map((p) => p.displayName);
    for (const base of ['merger-service', 'gateway', 'all-in-one', 'messaging', 'testing', 'workspace-checks']) {
      expect(names).toEqual(expect.arrayContaining([`${base}:unit`, `${base}:integration`, `${base}:e2e`]));
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('starts the engines only for integration and e2e projects, never at the root', () => {
    const config = rootConfig();
    expect(config.globalSetup).toBeUndefined();
    for (const project of config.projects) {
      if (tierOf(project) === 'unit') {
        expect(project.globalSetup).toBeUndefined();
        expect(project.setupFiles).toEqual(expect.arrayContaining([expect.stringMatching(/unit-tier\.setup\.js$/)]));
      } else {
        expect(project.globalSetup).toMatch(/libs\/testing\/src\/jest\/global-setup\.js$/);
      }
    }
  });

  it('puts each spec file in exactly one tier by its suffix', () => {
    const { projects } = rootConfig();
    const unit = projects.find((p) => p.displayName === 'merger-service:unit')!;
    const matchesUnit = (file: string) => file.endsWith('.spec.ts') && !unit.testPathIgnorePatterns.some((pattern) => new RegExp(pattern).test(file));
    expect(matchesUnit('apps/x/src/a.spec.ts')).toBe(true);
    expect(matchesUnit('apps/x/src/a.int.spec.ts')).toBe(false);
    expect(matchesUnit('apps/x/src/a.e2e.spec.ts')).toBe(false);
    expect(projects.find((p) => p.displayName === 'merger-service:integration')!.testMatch).toEqual(['<rootDir>/**/*.int.spec.ts']);
    expect(projects.find((p) => p.displayName === 'merger-service:e2e')!.testMatch).toEqual(['<rootDir>/**/*.e2e.spec.ts']);
  });

  it('narrows the run to the tiers of XASO_TEST_TIERS (npm run test:unit, test:integration, test:e2e)', () => {
    expect(new Set(rootConfig('unit').projects.map(tierOf))).toEqual(new Set(['unit']));
    expect(new Set(rootConfig('integration,e2e').projects.map(tierOf))).toEqual(new Set(['integration', 'e2e']));
    expect(() => rootConfig('smoke')).toThrow(/unknown tier "smoke"/);
  });
});
