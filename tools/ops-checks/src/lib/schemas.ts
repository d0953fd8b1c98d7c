import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { K8sObject } from './render';
import { REPO_ROOT } from './render';

/** Schema problems of the objects (validate-schemas.mjs, in its own Node process: ES modules). */
export function schemaProblems(objects: K8sObject[]): string[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'validate-schemas.mjs')], {
    cwd: REPO_ROOT,
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  return JSON.parse(output) as string[];
}
