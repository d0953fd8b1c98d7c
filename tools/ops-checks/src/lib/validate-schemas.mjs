// Validates rendered Kubernetes objects (a JSON array on stdin) against their JSON schemas and
// prints a JSON array of problems. A separate Node process because the `kubernetes-models`
// packages are ES modules (Jest's CommonJS runtime cannot load them):
// - core kinds: kubernetes-models (the Kubernetes OpenAPI schemas, with ajv validators);
// - Strimzi (kafka.strimzi.io) and Prometheus Operator (monitoring.coreos.com): their
//   @kubernetes-models/* packages, generated from the operators' CRDs;
// - CloudNativePG and External Secrets: the minimal vendored schemas in ../../schemas.
// An object of a kind no schema covers is a problem too (nothing goes unvalidated).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const CORE_GROUPS = new Set(['apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io']);
const OPERATOR_PACKAGES = {
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};
const VENDORED = {
  'postgresql.cnpg.io/v1/Cluster': 'cnpg-cluster.schema.json',
  'postgresql.cnpg.io/v1/ScheduledBackup': 'cnpg-scheduledbackup.schema.json',
  'external-secrets.io/v1beta1/ExternalSecret': 'externalsecret.schema.json',
};

function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (!group) return `kubernetes-models/${version}/${kind}`;
  if (CORE_GROUPS.has(group)) return `kubernetes-models/${group}/${version}/${kind}`;
  if (OPERATOR_PACKAGES[group]) return `${OPERATOR_PACKAGES[group]}/${group}/${version}/${kind}`;
  return undefined;
}

const Ajv = require('ajv');
const ajv = new Ajv({ allErrors: true, strict: false });
const vendored = new Map();
function vendoredValidator(key) {
  if (!vendored.has(key)) vendored.set(key, ajv.compile(JSON.parse(readFileSync(join(here, '../../schemas', VENDORED[key]), 'utf8'))));
  return vendored.get(key);
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const object of objects) {
  const name = `${object.kind} ${object.metadata?.name}`;
  const key = `${object.apiVersion}/${object.kind}`;
  try {
    if (VENDORED[key]) {
      const validate = vendoredValidator(key);
      if (!validate(object)) problems.push(`${name}: ${ajv.errorsText(validate.errors, { dataVar: '' })}`);
      continue;
    }
    const path = modelPath(object.apiVersion, object.kind);
    if (!path) {
      problems.push(`${name}: no schema for ${key}`);
      continue;
    }
    let Model;
    try {
      Model = (await import(path))[object.kind];
    } catch {
      problems.push(`${name}: no schema for ${key} (unknown kind or version)`);
      continue;
    }
    new Model(object).validate();
  } catch (error) {
    problems.push(`${name}: ${String(error.message ?? error).split('\n')[0]}`);
  }
}
process.stdout.write(JSON.stringify(problems));
