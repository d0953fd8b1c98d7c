import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployableApps } from './code-facts';
import { checkCompose, composeSchemaProblems, loadCompose } from './compose';
import { checkManifests, defaultContext } from './manifest-checks';
import { type K8sObject, type Overlay, OVERLAYS, renderOverlay } from './render';
import { schemaProblems } from './schemas';

/**
 * Everything `npm test` checks about the deployment files of a checkout (`dir`: the repository, or a
 * mutated copy of its deployment files): both overlays rendered by kustomize and validated against
 * the schemas, the cross-checks, and the compose file with and without the dev override.
 */
export interface CheckScope {
  /** Overlays to render and check (default both). */
  overlays?: readonly Overlay[];
  /** Check the compose files (default true). */
  compose?: boolean;
}

export function checkDeployment(dir: string, scope: CheckScope = {}): { problems: string[]; rendered: Record<string, K8sObject[]> } {
  const apps = deployableApps();
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const ctx = { ...defaultContext(readme), apps };
  const problems: string[] = [];
  const rendered: Record<string, K8sObject[]> = {};
  for (const overlay of scope.overlays ?? OVERLAYS) {
    let objects: K8sObject[];
    try {
      objects = renderOverlay(join(dir, 'k8s'), overlay);
    } catch (error) {
      problems.push(`${overlay}: ${(error as Error).message}`);
      continue;
    }
    rendered[overlay] = objects;
    problems.push(...schemaProblems(objects).map((p) => `${overlay}: schema: ${p}`));
    problems.push(...checkManifests(objects, ctx).map((p) => `${overlay}: ${p}`));
  }
  if (scope.compose === false) return { problems, rendered };
  const k8sPorts = Object.fromEntries(
    (rendered.production ?? rendered.staging ?? []).filter((o) => o.kind === 'Deployment').map((d) => [d.metadata.name, d.spec.template.spec.containers[0].ports?.[0]?.containerPort]),
  );
  const initScript = readFileSync(join(dir, 'deploy/compose/postgres-init.sh'), 'utf8');
  for (const [label, files, devIssuer] of [
    ['compose (with .env.example: dev override)', undefined, true],
    ['compose (docker-compose.yml alone)', ['docker-compose.yml'], false],
  ] as const) {
    try {
      const { model } = loadCompose({ dir, files: files ? [...files] : undefined });
      problems.push(...composeSchemaProblems(model).map((p) => `${label}: ${p}`));
      problems.push(...checkCompose(model, apps, { initScript, devIssuer, k8sPorts }).map((p) => `${label}: ${p}`));
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
  }
  return { problems, rendered };
}
