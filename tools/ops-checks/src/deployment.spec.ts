import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployableApps, platformTopics, REQUIRED_ENV, servedGetRoutes } from './lib/code-facts';
import { environmentOf, interpolate, loadCompose } from './lib/compose';
import { checkDeployment } from './lib/deployment-check';
import { type K8sObject, kustomizeBuild, REPO_ROOT } from './lib/render';
import { schemaProblems } from './lib/schemas';

// No Docker engine or cluster runs on the development machines: the compose files and k8s/ are
// rendered, validated and cross-checked offline here (README "Deploying", "How the files are tested").
jest.setTimeout(120_000);

describe('what the deployment files are checked against (read from the code)', () => {
  it('knows the six apps and their ports from the catalogue and the service definitions', () => {
    expect(deployableApps()).toEqual([
      { app: 'gateway', port: 4000 },
      { app: 'dossier-service', service: 'dossier', port: 4002 },
      { app: 'evaluation-service', service: 'evaluation', port: 4006 },
      { app: 'merger-service', service: 'merger', port: 4001 },
      { app: 'petition-service', service: 'petition', port: 4003 },
      { app: 'voting-service', service: 'voting', port: 4005 },
    ]);
  });

  it('finds the health and metrics routes in the controllers', () => {
    expect([...servedGetRoutes()]).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/metrics']));
    expect(servedGetRoutes().has('/health/readyz')).toBe(false);
  });

  it('derives the topics from @xaso/contracts', () => {
    const { events, deadLetters } = platformTopics();
    expect(events).toEqual(['dossier', 'evaluation', 'merger', 'petition', 'voting'].map((s) => `xaso.${s}.events.v1`));
    expect(deadLetters).toContain('xaso.merger.events.v1.dossier-service.dlt');
  });

  it.each(REQUIRED_ENV.map((r) => [r.name, r.apps, r.evidence]))('%s (%s) is required because the code says so', (_name, _apps, evidence) => {
    expect(readFileSync(join(REPO_ROOT, evidence.file), 'utf8')).toContain(evidence.text);
  });
});

describe('the deployment files of this checkout', () => {
  let result: ReturnType<typeof checkDeployment>;
  beforeAll(() => {
    result = checkDeployment(REPO_ROOT);
  });

  it('render, validate against the schemas and pass every cross-check', () => {
    expect(result.problems).toEqual([]);
  });

  const kinds = (objects: K8sObject[]) => objects.reduce<Record<string, number>>((n, o) => ({ ...n, [o.kind]: (n[o.kind] ?? 0) + 1 }), {});

  it('staging: Strimzi Kafka (KRaft, node pool), a CNPG Cluster per service, no backups, one replica', () => {
    const staging = result.rendered.staging;
    expect(kinds(staging)).toMatchObject({
      Deployment: 6, Service: 6, ServiceAccount: 6, HorizontalPodAutoscaler: 6, PodDisruptionBudget: 6, ServiceMonitor: 6,
      Job: 6, Ingress: 1, ConfigMap: 1, Kafka: 1, KafkaNodePool: 1, KafkaTopic: 30, KafkaUser: 5, Cluster: 5,
    });
    expect(kinds(staging).ScheduledBackup).toBeUndefined();
    const kafka = staging.find((o) => o.kind === 'Kafka')!;
    expect(kafka.metadata.annotations).toMatchObject({ 'strimzi.io/kraft': 'enabled', 'strimzi.io/node-pools': 'enabled' });
    expect(staging.every((o) => o.kind !== 'Deployment' || o.spec.replicas === 1)).toBe(true);
    expect(staging.filter((o) => o.kind === 'KafkaTopic').every((t) => t.spec.replicas === 1 && t.spec.config['min.insync.replicas'] === 1)).toBe(true);
    expect(staging.every((o) => !o.metadata.namespace || o.metadata.namespace === 'xaso-staging')).toBe(true);
  });

  it('production: nightly backups, secrets from the store, 3 Kafka nodes and 3 PostgreSQL instances', () => {
    const production = result.rendered.production;
    expect(kinds(production)).toMatchObject({ ScheduledBackup: 5, ExternalSecret: 3, Cluster: 5 });
    expect(production.filter((o) => o.kind === 'Cluster').every((c) => c.spec.instances === 3 && c.spec.backup?.barmanObjectStore)).toBe(true);
    expect(production.find((o) => o.kind === 'KafkaNodePool')!.spec.replicas).toBe(3);
    expect(production.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'gateway')!.spec.minReplicas).toBe(3);
  });

  it('the overlays pin different immutable images of the same registry', () => {
    const image = (overlay: string) => result.rendered[overlay].find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].image;
    expect(image('staging')).toMatch(/^registry\.example\.gov\.vn\/xaso\/xaso:sha-[0-9a-f]{7,}$/);
    expect(image('production')).toMatch(/^registry\.example\.gov\.vn\/xaso\/xaso:\d+\.\d+\.\d+$/);
  });

  it('the managed-backing-services component renders and validates in place of the operators', () => {
    // A throw-away overlay beside the real ones, as an operator with managed Kafka/PostgreSQL writes it.
    const dir = mkdtempSync(join(tmpdir(), 'xaso-managed-'));
    try {
      cpSync(join(REPO_ROOT, 'k8s'), join(dir, 'k8s'), { recursive: true });
      mkdirSync(join(dir, 'k8s/overlays/managed'));
      writeFileSync(
        join(dir, 'k8s/overlays/managed/kustomization.yaml'),
        [
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          'namespace: xaso',
          'resources: [../../base]',
          'components: [../../components/managed-backing-services]',
          'images: [{ name: xaso, newName: registry.example.gov.vn/xaso/xaso, newTag: 0.1.0 }]',
        ].join('\n'),
      );
      const objects = kustomizeBuild(join(dir, 'k8s/overlays/managed'));
      expect(schemaProblems(objects)).toEqual([]);
      expect(objects.some((o) => o.kind === 'Kafka' || o.kind === 'Cluster')).toBe(false);
      const config = objects.find((o) => o.kind === 'ConfigMap')!;
      expect(config.data).toMatchObject({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' });
      expect(objects.some((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'xaso-to-managed-services')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docker compose', () => {
  it('stops with a clear message when .env is missing, instead of running with default secrets', () => {
    expect(() => loadCompose({ dir: REPO_ROOT, envFile: '/nonexistent/.env' })).toThrow(/copy \.env\.example to \.env/);
  });

  it('with .env.example: the dev override turns the development issuer on for every app, production shape otherwise', () => {
    const dev = loadCompose({ dir: REPO_ROOT });
    expect(dev.files).toEqual(['docker-compose.yml', 'compose.dev.yaml']);
    expect(environmentOf(dev.model.services.gateway)).toMatchObject({ NODE_ENV: 'development', AUTH_DEV_ISSUER: 'true', PORT: '4000' });
    const prod = loadCompose({ dir: REPO_ROOT, files: ['docker-compose.yml'] });
    expect(environmentOf(prod.model.services.gateway)).toMatchObject({ NODE_ENV: 'production' });
    expect(environmentOf(prod.model.services.gateway).AUTH_DEV_ISSUER).toBeUndefined();
    expect(environmentOf(prod.model.services['petition-service']).DATABASE_URL).toBe('postgres://xaso_petition:petition-dev-change-me@postgres:5432/xaso_petition');
  });

  it('interpolates like compose', () => {
    expect(interpolate('a ${X:-d} ${Y-e} $$ ${Z}', { X: '', Y: '', Z: 'z' })).toBe('a d  $ z');
    expect(() => interpolate('${X:?need X}', {})).toThrow('required variable X is missing a value: need X');
  });
});
