import { transformFileSync } from '@swc/core';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from './processes';

const TREES = ['apps', 'libs', 'tools/chaos'];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'test' || name === 'fuzz') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Compiles apps/, libs/ and tools/chaos once per source state to plain JavaScript under
 * `tmp/chaos-build-<hash>/` (SWC, the same settings as the tests), so a killed process restarts
 * in the time Node needs to load it, not the time `@swc-node/register` needs to compile ~800 files
 * again on a busy machine. `@xaso/*` imports resolve into the build through `compiled-preload.js`.
 * Returns the build's root (same layout as the repository).
 */
export function buildForProcesses(): string {
  const files = TREES.flatMap((tree) => sources(join(REPO_ROOT, tree))).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(file));
  const root = join(REPO_ROOT, 'tmp', `chaos-build-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(root, '.complete'))) return root;
  // Builds of earlier source states, unused for an hour, are removed (a parallel run may use a recent one).
  for (const name of existsSync(dirname(root)) ? readdirSync(dirname(root)) : []) {
    const old = join(dirname(root), name);
    if (name.startsWith('chaos-build-') && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
  }
  const partial = `${root}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  for (const file of files) {
    const target = join(partial, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    const { code } = transformFileSync(file, {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: false,
    });
    writeFileSync(target, code);
  }
  const { compilerOptions } = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  const aliases = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, join(root, target.replace(/\.ts$/, '.js'))]));
  writeFileSync(join(partial, 'aliases.json'), JSON.stringify(aliases, null, 2));
  writeFileSync(join(partial, '.complete'), new Date().toISOString());
  try {
    renameSync(partial, root);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // a parallel run built the same sources
  }
  return root;
}
