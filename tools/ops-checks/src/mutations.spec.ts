import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckScope, checkDeployment } from './lib/deployment-check';
import { REPO_ROOT } from './lib/render';

/**
 * Proof that the checks can fail: each case breaks a copy of the deployment files the way an
 * operator's report (issue 13) or a careless edit would, and expects the checks to say so.
 */
jest.setTimeout(180_000);

const DEPLOYMENT_FILES = ['k8s', 'docker-compose.yml', 'compose.dev.yaml', '.env.example', 'deploy', 'README.md'];

interface Mutation {
  name: string;
  file: string;
  /** Exactly one occurrence is replaced (a mutation that no longer applies fails loudly). */
  from: string | RegExp;
  to: string;
  expected: RegExp;
  scope: CheckScope;
}

const K8S_ONLY: CheckScope = { overlays: ['staging'], compose: false };
const STAGING_AND_COMPOSE: CheckScope = { overlays: ['staging'] };

const MUTATIONS: Mutation[] = [
  { name: 'a wrong container port', file: 'k8s/base/apps/dossier-service.yaml', from: 'containerPort: 4002', to: 'containerPort: 4012', expected: /Deployment dossier-service: containerPort 4012, the app listens on 4002/, scope: K8S_ONLY },
  { name: 'a Service selector typo', file: 'k8s/base/apps/voting-service.yaml', from: '  selector: { app.kubernetes.io/name: voting-service,', to: '  selector: { app.kubernetes.io/name: voting-servce,', expected: /Service voting-service: selector .* matches no Deployment's pods/, scope: K8S_ONLY },
  { name: 'an Ingress to a missing Service', file: 'k8s/base/ingress.yaml', from: /(path: \/graphql[\s\S]*?)name: gateway,/, to: '$1name: gateway-svc,', expected: /Ingress gateway: path \/graphql goes to Service gateway-svc, which does not exist/, scope: K8S_ONLY },
  { name: 'a wrong healthcheck path (Kubernetes probe)', file: 'k8s/base/apps/merger-service.yaml', from: 'path: /health/ready', to: 'path: /health/readyz', expected: /merger-service: readinessProbe path \/health\/readyz is not served by the code/, scope: K8S_ONLY },
  { name: 'a removed secret reference', file: 'k8s/base/apps/petition-service.yaml', from: /\n {12}- name: PETITION_IDENTITY_KEYS\n.*/, to: '', expected: /Deployment petition-service: PETITION_IDENTITY_KEYS is not set \(the code needs it\)/, scope: K8S_ONLY },
  { name: 'a migration Job without a secret its service needs', file: 'k8s/base/jobs/petition-service-migrate.yaml', from: /\n {12}- name: PETITION_IDENTITY_KEYS\n.*/, to: '', expected: /Job petition-service-migrate: PETITION_IDENTITY_KEYS is not set \(building petition-service needs it\)/, scope: K8S_ONLY },
  { name: 'a wrong subgraph port', file: 'k8s/base/config.env', from: 'dossier=http://dossier-service:4002/graphql', to: 'dossier=http://dossier-service:4012/graphql', expected: /gateway: subgraph dossier port 4012 is not a port of Service dossier-service/, scope: K8S_ONLY },
  { name: 'an Ingress that publishes /metrics and /health', file: 'k8s/base/ingress.yaml', from: 'path: /api/v1', to: 'path: /', expected: /Ingress gateway: path \/ \(Prefix\) publishes \/metrics/, scope: K8S_ONLY },
  { name: 'a container allowed to escalate privileges', file: 'k8s/base/apps/evaluation-service.yaml', from: 'allowPrivilegeEscalation: false', to: 'allowPrivilegeEscalation: true', expected: /Deployment evaluation-service container evaluation-service: allowPrivilegeEscalation is not false/, scope: K8S_ONLY },
  { name: 'a writable root filesystem', file: 'k8s/base/jobs/import-units.yaml', from: 'readOnlyRootFilesystem: true', to: 'readOnlyRootFilesystem: false', expected: /Job import-units container import-units: root filesystem is not read-only/, scope: K8S_ONLY },
  { name: 'a mutable image tag in staging', file: 'k8s/overlays/staging/kustomization.yaml', from: /newTag: sha-[0-9a-f]+/, to: 'newTag: staging', expected: /image registry\.example\.gov\.vn\/xaso\/xaso:staging uses the mutable tag "staging"/, scope: K8S_ONLY },
  { name: 'an image without a registry', file: 'k8s/overlays/staging/kustomization.yaml', from: 'newName: registry.example.gov.vn/xaso/xaso, ', to: '', expected: /image xaso:sha-[0-9a-f]+ has no registry host/, scope: K8S_ONLY },
  { name: 'config changes that do not roll the pods', file: 'k8s/base/kustomization.yaml', from: 'configMapGenerator:', to: 'generatorOptions: { disableNameSuffixHash: true }\nconfigMapGenerator:', expected: /ConfigMap xaso-config has no content hash/, scope: K8S_ONLY },
  { name: 'a backend service open to the ingress controller', file: 'k8s/base/apps/dossier-service.yaml', from: 'kubernetes.io/metadata.name: monitoring', to: 'kubernetes.io/metadata.name: ingress-nginx', expected: /dossier-service takes traffic from namespace ingress-nginx; only the gateway is public/, scope: K8S_ONLY },
  { name: 'an Ingress without a class', file: 'k8s/base/ingress.yaml', from: '  ingressClassName: nginx\n', to: '', expected: /Ingress gateway: no ingressClassName/, scope: K8S_ONLY },
  { name: 'a missing Kafka topic', file: 'k8s/components/strimzi-kafka/topics.yaml', from: 'topicName: xaso.voting.events.v1\n', to: 'topicName: xaso.votes.events.v1\n', expected: /no KafkaTopic for xaso\.voting\.events\.v1/, scope: K8S_ONLY },
  { name: 'an object that breaks its schema', file: 'k8s/base/apps/gateway.yaml', from: 'averageUtilization: 70', to: 'averageUtilization: seventy', expected: /schema: HorizontalPodAutoscaler gateway: .*averageUtilization must be integer/, scope: K8S_ONLY },
  { name: 'a wrong healthcheck path (compose)', file: 'docker-compose.yml', from: "/health/ready'", to: "/health/up'", expected: /compose: merger-service healthcheck path \/health\/up is not served by the code/, scope: STAGING_AND_COMPOSE },
  { name: 'compose and manifests disagreeing on a port', file: 'docker-compose.yml', from: 'PORT: "4005"', to: 'PORT: "4015"', expected: /compose: voting-service on port 4015, Kubernetes on 4005/, scope: STAGING_AND_COMPOSE },
  { name: 'a compose service on the superuser', file: 'docker-compose.yml', from: 'postgres://xaso_dossier:${DOSSIER_DB_PASSWORD}@', to: 'postgres://postgres:${POSTGRES_PASSWORD}@', expected: /compose: dossier-service uses postgres@\/xaso_dossier, not its own role and database xaso_dossier/, scope: STAGING_AND_COMPOSE },
];

function mutatedCopy(mutation: Mutation): string {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-mutation-'));
  for (const file of DEPLOYMENT_FILES) cpSync(join(REPO_ROOT, file), join(dir, file), { recursive: true });
  const path = join(dir, mutation.file);
  const text = readFileSync(path, 'utf8');
  const count = typeof mutation.from === 'string' ? text.split(mutation.from).length - 1 : (text.match(new RegExp(mutation.from.source, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`mutation "${mutation.name}": ${String(mutation.from)} occurs ${count} times in ${mutation.file}, expected once`);
  writeFileSync(path, text.replace(mutation.from, mutation.to));
  return dir;
}

describe('the deployment checks catch each kind of breakage', () => {
  it('pass on an unmodified copy (so a failure below is the mutation’s doing)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xaso-mutation-'));
    try {
      for (const file of DEPLOYMENT_FILES) cpSync(join(REPO_ROOT, file), join(dir, file), { recursive: true });
      expect(checkDeployment(dir, STAGING_AND_COMPOSE).problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(MUTATIONS.map((m) => [m.name, m]))('%s', (_name, mutation) => {
    const dir = mutatedCopy(mutation);
    try {
      const { problems } = checkDeployment(dir, mutation.scope);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(mutation.expected)]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
