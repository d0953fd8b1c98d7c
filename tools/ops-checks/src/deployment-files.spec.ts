import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll, load } from 'js-yaml';

// No Docker engine or cluster runs on the development machines: docker-compose.yml and k8s/
// are checked offline here so they cannot drift from the apps that exist.
const root = join(__dirname, '../../..');
const runnableApps = readdirSync(join(root, 'apps')).filter(
  (app) => app !== 'all-in-one' && existsSync(join(root, 'apps', app, 'src', 'main.ts')),
);

/** Docker Compose honours YAML merge keys (`<<: *anchor`); js-yaml leaves them as a `<<` member. */
function resolveMerges(value: any): any {
  if (Array.isArray(value)) return value.map(resolveMerges);
  if (value === null || typeof value !== 'object') return value;
  const { '<<': merged, ...own } = value;
  const base = merged ? resolveMerges(merged) : {};
  const out: Record<string, unknown> = { ...base };
  for (const [key, v] of Object.entries(own)) out[key] = resolveMerges(v);
  return out;
}

type Doc = { kind?: string; metadata?: { name?: string }; spec?: Record<string, any> };
const k8sDocs = (file: string) => loadAll(readFileSync(join(root, file), 'utf8')) as Doc[];

describe('docker-compose.yml', () => {
  const compose = resolveMerges(load(readFileSync(join(root, 'docker-compose.yml'), 'utf8'))) as { services: Record<string, any> };

  it('knows the apps it checks', () => {
    expect(runnableApps).toEqual(expect.arrayContaining(['gateway', 'merger-service']));
  });

  it('runs PostgreSQL, Kafka and every runnable app', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'kafka', ...runnableApps]));
  });

  it('gives each service its own database and the Kafka brokers', () => {
    const databases = new Set<string>();
    for (const app of runnableApps.filter((a) => a !== 'gateway')) {
      const env = compose.services[app].environment;
      expect(env.KAFKA_BROKERS).toBe('kafka:9092');
      databases.add(String(env.DATABASE_URL).split('/').pop()!);
    }
    expect(databases.size).toBe(runnableApps.length - 1);
  });

  it('exposes only the gateway', () => {
    const exposed = Object.entries(compose.services).filter(([, s]) => s.ports).map(([name]) => name);
    expect(exposed).toEqual(['gateway']);
  });
});

describe('k8s manifests', () => {
  const base = load(readFileSync(join(root, 'k8s/base/kustomization.yaml'), 'utf8')) as { resources: string[] };

  it('lists only files that exist, and every runnable app has a Deployment and a Service', () => {
    for (const resource of base.resources) expect(existsSync(join(root, 'k8s/base', resource))).toBe(true);
    const docs = base.resources.flatMap((r) => k8sDocs(`k8s/base/${r}`));
    for (const app of runnableApps) {
      expect(docs.find((d) => d.kind === 'Deployment' && d.metadata?.name === app)).toBeDefined();
      expect(docs.find((d) => d.kind === 'Service' && d.metadata?.name === app)).toBeDefined();
    }
  });

  it('probes the health endpoints the apps serve', () => {
    for (const app of runnableApps) {
      const deployment = k8sDocs(`k8s/base/${app}.yaml`).find((d) => d.kind === 'Deployment')!;
      const container = deployment.spec!.template.spec.containers[0];
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(deployment.spec!.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': app });
      expect(deployment.spec!.template.metadata.labels['app.kubernetes.io/name']).toBe(app);
    }
  });

  it('overlays point at the base and set an image for every app', () => {
    for (const overlay of readdirSync(join(root, 'k8s/overlays'))) {
      const k = load(readFileSync(join(root, 'k8s/overlays', overlay, 'kustomization.yaml'), 'utf8')) as {
        resources: string[];
        images: { name: string }[];
      };
      expect(k.resources).toContain('../../base');
      expect(k.images.map((i) => i.name).sort()).toEqual(expect.arrayContaining(runnableApps.map((a) => `xaso/${a}`)));
    }
  });
});
