import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const BOUNDARIES = '@nx/enforce-module-boundaries';

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string }>;
}

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
      (error, stdout, stderr) => (error ? reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`)) : resolve(stdout)),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe('workspace checks', () => {
  describe('ESLint module boundaries (root eslint.config.mjs)', () => {
    let results: LintResult[];
    const probe = 'apps/gateway/src/__lint_probe__.ts';
    const cases = [
      // 0: relative import of another app's code
      { code: "import { bootstrap } from '../../merger-service/src/main';\nexport const probe = bootstrap;\n", filePath: probe },
      // 1: a shared lib through its alias
      { code: "import { AuthModule } from '@xaso/auth';\nexport const probe = AuthModule;\n", filePath: probe },
      // 2: deep import into a lib
      { code: "import { Role } from '../../../libs/auth/src/lib/role';\nexport const probe = Role;\n", filePath: probe },
      // 3: another app imported from all-in-one by relative path
      { code: "import * as merger from '../../merger-service/src/app.module';\nexport const probe = merger;\n", filePath: 'apps/all-in-one/src/__lint_probe__.ts' },
    ];

    beforeAll(async () => {
      const script = join(__dirname, 'lint-probe.mjs');
      results = JSON.parse(await run(process.execPath, [script, root], JSON.stringify(cases)));
    }, 120_000);

    const boundaryErrors = (i: number) => results[i].messages.filter((m) => m.ruleId === BOUNDARIES && m.severity === 2);

    it('has a real file to point at', () => {
      expect(existsSync(join(root, 'apps/merger-service/src/main.ts'))).toBe(true);
    });

    it('rejects an app importing another app', () => {
      expect(boundaryErrors(0)).not.toHaveLength(0);
      expect(boundaryErrors(3)).not.toHaveLength(0);
    });

    it('rejects deep imports into a lib', () => {
      expect(boundaryErrors(2)).not.toHaveLength(0);
    });

    it('accepts an app importing a shared lib', () => {
      expect(results[1].messages).toEqual([]);
    });
  });

  describe('Nx project graph', () => {
    let dir: string;
    let graph: { graph: { nodes: Record<string, { type: string; data: { root: string; tags?: string[] } }> } };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'xaso-graph-'));
      await run('npx', ['nx', 'graph', `--file=${join(dir, 'graph.json')}`]);
      graph = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8'));
    }, 120_000);
    afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

    it('lists every library with the tags of its project.json', () => {
      const libs = readdirSync(join(root, 'libs')).filter((name) => existsSync(join(root, 'libs', name, 'project.json')));
      expect(libs.length).toBeGreaterThan(0);
      for (const dirName of libs) {
        const project = JSON.parse(readFileSync(join(root, 'libs', dirName, 'project.json'), 'utf8'));
        const node = graph.graph.nodes[project.name];
        expect({ lib: dirName, found: !!node }).toEqual({ lib: dirName, found: true });
        expect(node.type).toBe('lib');
        expect(node.data.root).toBe(`libs/${dirName}`);
        expect([...(node.data.tags ?? [])].sort()).toEqual([...project.tags].sort());
        expect(node.data.tags).toContain('scope:shared');
        expect((node.data.tags ?? []).some((tag) => tag.startsWith('type:'))).toBe(true);
      }
    });

    it('lists the apps and this project', () => {
      for (const app of ['gateway', 'merger-service', 'all-in-one']) {
        expect(graph.graph.nodes[app]?.data.tags).toContain('type:app');
      }
      expect(graph.graph.nodes['workspace-checks']?.data.tags).toEqual(expect.arrayContaining(['scope:shared', 'type:util']));
    });
  });
});
