import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './render';

/** `npm run build` into `<repo>/tmp/<name>` (inside the repository, so node_modules resolve as in the image). */
export function buildInto(name: string): string {
  const out = join(REPO_ROOT, 'tmp', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build.js'), out], { cwd: REPO_ROOT, stdio: 'pipe' });
  return out;
}

function* jsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(full);
    else if (entry.name.endsWith('.js')) yield full;
  }
}

/** Packages the compiled code requires (bare specifiers, without node: built-ins), with a file that does. */
export function requiredPackages(dir: string): Map<string, string> {
  const builtins = new Set(builtinModules);
  const packages = new Map<string, string>();
  for (const file of jsFiles(dir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\brequire\(["']([^"'./][^"']*)["']\)/g)) {
      const specifier = m[1];
      if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (!packages.has(name)) packages.set(name, file.slice(dir.length + 1));
    }
  }
  return packages;
}
