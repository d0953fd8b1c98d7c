/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is untyped here; its shape is checked by the JSON schemas */
import { type DeployableApp, platformTopics, requiredEnvFor, servedGetRoutes } from './code-facts';
import type { K8sObject } from './render';

/** Facts the checks compare the rendered objects with. */
export interface ManifestContext {
  apps: DeployableApp[];
  routes: Set<string>;
  topics: { events: string[]; deadLetters: string[] };
  /** Secrets an operator creates by hand, from the README's `kubectl create secret` lines. */
  manualSecrets: Set<string>;
}

export function defaultContext(readme: string): ManifestContext {
  return {
    apps: [],
    routes: servedGetRoutes(),
    topics: platformTopics(),
    manualSecrets: new Set([...readme.matchAll(/kubectl[^\n`]*create secret \w+ ([a-z0-9-]+)/g)].map((m) => m[1])),
  };
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

type PodOwner = { owner: K8sObject; pod: any };

function podTemplates(objects: K8sObject[]): PodOwner[] {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind))
    .map((owner) => ({ owner, pod: owner.spec?.template }));
}

const MUTABLE_TAGS = new Set(['latest', 'staging', 'production', 'main', 'master', 'dev', 'edge', 'stable']);

/** An image with a registry host and a tag that names one build (a version, a commit) or a digest. */
function imageProblem(image: string): string | undefined {
  const [name, digest] = image.split('@');
  const slash = name.indexOf('/');
  const host = slash > 0 ? name.slice(0, slash) : '';
  if (!/[.:]/.test(host) && host !== 'localhost') return `has no registry host`;
  if (digest) return /^sha256:[a-f0-9]{64}$/.test(digest) ? undefined : 'has a malformed digest';
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  if (!tag) return 'has no tag';
  if (MUTABLE_TAGS.has(tag)) return `uses the mutable tag "${tag}"`;
  if (!/^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(tag) && !/^(sha-)?[a-f0-9]{7,40}$/.test(tag)) return `tag "${tag}" is neither a version nor a commit`;
  return undefined;
}

/** Every problem found, as sentences naming the object; empty when the rendering is consistent. */
export function checkManifests(objects: K8sObject[], ctx: ManifestContext): string[] {
  const problems: string[] = [];
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const pods = podTemplates(objects);
  const deployments = byKind('Deployment');
  const services = byKind('Service');
  const configMaps = byKind('ConfigMap');

  // Every app has its Deployment, Service, ServiceAccount, HPA, PDB, NetworkPolicy and ServiceMonitor.
  for (const app of ctx.apps) {
    for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'ServiceMonitor']) {
      if (!find(kind, app.app)) problems.push(`${app.app}: no ${kind}`);
    }
    if (app.service && !byKind('Job').some((j) => j.metadata.labels?.['app.kubernetes.io/component'] === 'migration' && j.metadata.labels?.['app.kubernetes.io/name'] === app.app)) {
      problems.push(`${app.app}: no migration Job`);
    }
  }
  if (!byKind('Job').some((j) => (j.spec?.template?.spec?.containers ?? []).some((c: any) => (c.command ?? []).join(' ').includes('import-units')))) {
    problems.push('no admin-unit import Job');
  }

  // Services select pods, and their target ports exist on those pods.
  for (const service of services) {
    const selected = pods.filter(({ pod }) => matches(service.spec?.selector, pod?.metadata?.labels));
    const servers = selected.filter(({ owner }) => owner.kind === 'Deployment');
    if (!servers.length) {
      problems.push(`Service ${service.metadata.name}: selector ${JSON.stringify(service.spec?.selector)} matches no Deployment's pods`);
      continue;
    }
    if (selected.some(({ owner }) => owner.kind === 'Job')) problems.push(`Service ${service.metadata.name}: selector also matches Job pods`);
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const { owner, pod } of servers) {
        const ports = (pod.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []);
        if (!ports.some((p: any) => (typeof target === 'string' ? p.name === target : p.containerPort === target))) {
          problems.push(`Service ${service.metadata.name}: targetPort ${target} is not a port of Deployment ${owner.metadata.name}`);
        }
      }
    }
  }

  // The app's container listens where its code and its PORT say.
  for (const deployment of deployments) {
    const app = ctx.apps.find((a) => a.app === deployment.metadata.name);
    const container = deployment.spec?.template?.spec?.containers?.[0];
    if (!app || !container) continue;
    const env: Record<string, string> = Object.fromEntries((container.env ?? []).filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
    const http = (container.ports ?? []).find((p: any) => p.name === 'http');
    if (!http) problems.push(`Deployment ${app.app}: no container port named http`);
    else if (http.containerPort !== app.port) problems.push(`Deployment ${app.app}: containerPort ${http.containerPort}, the app listens on ${app.port}`);
    if (env.PORT !== String(app.port)) problems.push(`Deployment ${app.app}: PORT=${env.PORT}, the app's port is ${app.port}`);
    if (env.APP !== app.app) problems.push(`Deployment ${app.app}: APP=${env.APP} starts another app`);
    const service = find('Service', app.app);
    if (service && !(service.spec?.ports ?? []).some((p: any) => p.port === app.port)) problems.push(`Service ${app.app}: does not expose port ${app.port}`);
  }

  // Probes: on a real port, on a path the code serves, with timeouts; graceful stop.
  for (const { owner, pod } of pods) {
    const spec = pod?.spec ?? {};
    for (const container of spec.containers ?? []) {
      const where = `${owner.kind} ${owner.metadata.name} container ${container.name}`;
      const portNames = new Set((container.ports ?? []).map((p: any) => p.name));
      const portNumbers = new Set((container.ports ?? []).map((p: any) => p.containerPort));
      if (owner.kind === 'Deployment') {
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          const p = container[probe];
          if (!p?.httpGet) {
            problems.push(`${where}: no ${probe}`);
            continue;
          }
          if (!ctx.routes.has(p.httpGet.path)) problems.push(`${where}: ${probe} path ${p.httpGet.path} is not served by the code`);
          const port = p.httpGet.port;
          if (!(typeof port === 'string' ? portNames.has(port) : portNumbers.has(port))) problems.push(`${where}: ${probe} port ${port} is not a container port`);
          if (!p.timeoutSeconds) problems.push(`${where}: ${probe} has no timeoutSeconds`);
        }
        if (!container.lifecycle?.preStop) problems.push(`${where}: no preStop delay`);
        if (!spec.terminationGracePeriodSeconds) problems.push(`${where}: no terminationGracePeriodSeconds`);
        if (!container.resources?.requests || !container.resources?.limits?.memory) problems.push(`${where}: no resource requests and memory limit`);
      }
      // Restricted security context, read-only root with a writable /tmp.
      const sc = container.securityContext ?? {};
      const podSc = spec.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities do not drop ALL`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem is not read-only`);
      if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot is not set`);
      if ((sc.seccompProfile?.type ?? podSc.seccompProfile?.type) !== 'RuntimeDefault') problems.push(`${where}: seccomp profile is not RuntimeDefault`);
      const tmp = (container.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
      if (!tmp || !(spec.volumes ?? []).some((v: any) => v.name === tmp.name && v.emptyDir)) problems.push(`${where}: no emptyDir at /tmp`);
      if (spec.serviceAccountName && !find('ServiceAccount', spec.serviceAccountName)) problems.push(`${where}: ServiceAccount ${spec.serviceAccountName} does not exist`);
      const image = String(container.image ?? '');
      const imageIssue = imageProblem(image);
      if (imageIssue) problems.push(`${where}: image ${image} ${imageIssue}`);
    }
  }

  // Configuration: ConfigMaps exist and are hash-named (a change rolls the pods); Secrets are provided.
  const providedSecrets = new Set<string>([
    ...byKind('Cluster').filter((o) => o.apiVersion.startsWith('postgresql.cnpg.io/')).map((c) => `${c.metadata.name}-app`),
    ...byKind('KafkaUser').map((u) => u.metadata.name),
    ...byKind('ExternalSecret').map((e) => e.spec?.target?.name ?? e.metadata.name),
    ...byKind('Secret').map((s) => s.metadata.name),
    ...ctx.manualSecrets,
  ]);
  const envOf = (container: any): Map<string, string | undefined> => {
    const env = new Map<string, string | undefined>();
    for (const from of container.envFrom ?? []) {
      const cm = from.configMapRef && configMaps.find((c) => c.metadata.name === from.configMapRef.name);
      for (const [k, v] of Object.entries(cm?.data ?? {})) env.set(k, String(v));
    }
    for (const e of container.env ?? []) env.set(e.name, e.value);
    return env;
  };
  for (const { owner, pod } of pods) {
    for (const container of pod?.spec?.containers ?? []) {
      const where = `${owner.kind} ${owner.metadata.name}`;
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef) {
          const cm = configMaps.find((c) => c.metadata.name === from.configMapRef.name);
          if (!cm) problems.push(`${where}: ConfigMap ${from.configMapRef.name} does not exist`);
          else if (!/-[a-z0-9]{10}$/.test(cm.metadata.name)) problems.push(`${where}: ConfigMap ${cm.metadata.name} has no content hash (a change would not roll the pods)`);
        }
        if (from.secretRef && !providedSecrets.has(from.secretRef.name)) problems.push(`${where}: Secret ${from.secretRef.name} is created by nothing and documented nowhere`);
      }
      for (const e of container.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !providedSecrets.has(ref.name)) problems.push(`${where}: Secret ${ref.name} (${e.name}) is created by nothing and documented nowhere`);
        if (ref?.name?.endsWith('-db-app') && ref.key !== 'uri') problems.push(`${where}: ${e.name} reads key ${ref.key} of ${ref.name}; the URL is in key uri`);
      }
    }
  }
  for (const deployment of deployments) {
    const app = ctx.apps.find((a) => a.app === deployment.metadata.name);
    const container = deployment.spec?.template?.spec?.containers?.[0];
    if (!app || !container) continue;
    const env = envOf(container);
    const declared = new Set((container.env ?? []).map((e: any) => e.name));
    for (const name of requiredEnvFor(app)) {
      if (!env.has(name) && !declared.has(name)) problems.push(`Deployment ${app.app}: ${name} is not set (the code needs it)`);
    }
    if (app.service) {
      const db = (container.env ?? []).find((e: any) => e.name === 'DATABASE_URL');
      const secret = db?.valueFrom?.secretKeyRef?.name;
      if (secret && secret !== `xaso-${app.service}-db-app`) problems.push(`Deployment ${app.app}: DATABASE_URL from ${secret}, another service's database`);
    }
    // The gateway's subgraphs are the services' Services, on their ports.
    if (!app.service) {
      const subgraphs = String(env.get('SUBGRAPHS') ?? '');
      const named = new Set<string>();
      for (const item of subgraphs.split(',').filter(Boolean)) {
        const [name, url] = item.split('=');
        named.add(name);
        const target = ctx.apps.find((a) => a.service === name);
        let parsed: URL | undefined;
        try {
          parsed = new URL(url);
        } catch {
          problems.push(`gateway: SUBGRAPHS ${name} has no valid URL (${url})`);
          continue;
        }
        const service = find('Service', parsed.hostname);
        if (!target) problems.push(`gateway: SUBGRAPHS names ${name}, which is no service`);
        else if (parsed.hostname !== target.app) problems.push(`gateway: subgraph ${name} points at host ${parsed.hostname}, not Service ${target.app}`);
        if (!service) problems.push(`gateway: subgraph ${name} host ${parsed.hostname} is no Service`);
        else if (!(service.spec?.ports ?? []).some((p: any) => String(p.port) === (parsed.port || '80'))) {
          problems.push(`gateway: subgraph ${name} port ${parsed.port} is not a port of Service ${service.metadata.name}`);
        }
      }
      for (const s of ctx.apps.filter((a) => a.service)) if (s.service && !named.has(s.service)) problems.push(`gateway: SUBGRAPHS lacks ${s.service}`);
    }
  }

  // Migration Jobs build the service's module graph: they need what building it needs.
  for (const job of byKind('Job').filter((j) => j.metadata.labels?.['app.kubernetes.io/component'] === 'migration')) {
    const app = ctx.apps.find((a) => a.app === job.metadata.labels?.['app.kubernetes.io/name']);
    const container = job.spec?.template?.spec?.containers?.[0];
    if (!app || !container) continue;
    const env = envOf(container);
    for (const name of requiredEnvFor(app, 'toBuild')) if (!env.has(name)) problems.push(`Job ${job.metadata.name}: ${name} is not set (building ${app.app} needs it)`);
    if (!(container.command ?? []).includes(app.service)) problems.push(`Job ${job.metadata.name}: does not migrate ${app.service}`);
  }

  // Ingress: a class, TLS with cert-manager, only existing Service ports, never /metrics or /health.
  const ingresses = byKind('Ingress');
  if (!ingresses.length) problems.push('no Ingress');
  for (const ingress of ingresses) {
    const where = `Ingress ${ingress.metadata.name}`;
    if (!ingress.spec?.ingressClassName) problems.push(`${where}: no ingressClassName`);
    if (!(ingress.spec?.tls ?? []).length) problems.push(`${where}: no TLS`);
    if (!Object.keys(ingress.metadata.annotations ?? {}).some((k) => k.startsWith('cert-manager.io/'))) problems.push(`${where}: no cert-manager annotation`);
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service;
        const service = backend && find('Service', backend.name);
        if (!service) problems.push(`${where}: path ${path.path} goes to Service ${backend?.name}, which does not exist`);
        else if (!(service.spec?.ports ?? []).some((p: any) => (backend.port?.name ? p.name === backend.port.name : p.port === backend.port?.number))) {
          problems.push(`${where}: path ${path.path} goes to a port Service ${backend.name} does not have`);
        }
        if (backend && backend.name !== 'gateway') problems.push(`${where}: publishes ${backend.name}; only the gateway is public`);
        const prefix = path.pathType === 'Exact' ? path.path : String(path.path);
        for (const internal of ['/metrics', '/health/live', '/health/ready']) {
          const published = path.pathType === 'Exact' ? prefix === internal : internal === prefix || internal.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
          if (published) problems.push(`${where}: path ${path.path} (${path.pathType}) publishes ${internal}`);
        }
      }
    }
  }

  // NetworkPolicies: every app's pods are selected; only the gateway takes traffic from outside.
  const policies = byKind('NetworkPolicy');
  for (const deployment of deployments) {
    const labels = deployment.spec?.template?.metadata?.labels;
    const own = policies.filter((p) => matches(p.spec?.podSelector?.matchLabels, labels) || (p.spec?.podSelector && !p.spec.podSelector.matchLabels && !p.spec.podSelector.matchExpressions));
    if (!own.some((p) => (p.spec?.policyTypes ?? []).includes('Ingress'))) problems.push(`Deployment ${deployment.metadata.name}: no NetworkPolicy restricts its ingress`);
    if (!own.some((p) => (p.spec?.policyTypes ?? []).includes('Egress'))) problems.push(`Deployment ${deployment.metadata.name}: no NetworkPolicy restricts its egress`);
    const isGateway = deployment.metadata.name === 'gateway';
    for (const policy of own) {
      for (const rule of policy.spec?.ingress ?? []) {
        const froms = rule.from ?? [];
        if (!froms.length) problems.push(`NetworkPolicy ${policy.metadata.name}: admits traffic from anywhere to ${deployment.metadata.name}`);
        for (const from of froms) {
          if (from.ipBlock) problems.push(`NetworkPolicy ${policy.metadata.name}: admits an address range to ${deployment.metadata.name}`);
          const ns = from.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
          if (!isGateway && ns && ns !== 'monitoring') problems.push(`NetworkPolicy ${policy.metadata.name}: ${deployment.metadata.name} takes traffic from namespace ${ns}; only the gateway is public`);
          if (!isGateway && from.podSelector && !from.namespaceSelector && !matches(from.podSelector.matchLabels, { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/component': 'server' })) {
            problems.push(`NetworkPolicy ${policy.metadata.name}: ${deployment.metadata.name} takes traffic from pods other than the gateway`);
          }
        }
      }
      for (const rule of policy.spec?.egress ?? []) {
        if (!(rule.to ?? []).length) problems.push(`NetworkPolicy ${policy.metadata.name}: lets ${deployment.metadata.name} reach anything`);
      }
    }
  }

  // ServiceMonitors scrape /metrics on a named port of a Service they select.
  for (const monitor of byKind('ServiceMonitor')) {
    const service = services.find((s) => matches(monitor.spec?.selector?.matchLabels, s.metadata.labels));
    if (!service) {
      problems.push(`ServiceMonitor ${monitor.metadata.name}: selects no Service`);
      continue;
    }
    for (const endpoint of monitor.spec?.endpoints ?? []) {
      if (!(service.spec?.ports ?? []).some((p: any) => p.name === endpoint.port)) problems.push(`ServiceMonitor ${monitor.metadata.name}: port ${endpoint.port} is not a port of Service ${service.metadata.name}`);
      if (!ctx.routes.has(endpoint.path ?? '/metrics')) problems.push(`ServiceMonitor ${monitor.metadata.name}: path ${endpoint.path} is not served by the code`);
    }
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef;
    if (!find(ref?.kind, ref?.name)) problems.push(`HorizontalPodAutoscaler ${hpa.metadata.name}: scales ${ref?.kind} ${ref?.name}, which does not exist`);
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!deployments.some((d) => matches(pdb.spec?.selector?.matchLabels, d.spec?.template?.metadata?.labels))) problems.push(`PodDisruptionBudget ${pdb.metadata.name}: selects no Deployment's pods`);
  }

  // Strimzi: a topic per platform topic, with the settings; a user per service with its ACLs.
  const kafkaTopics = byKind('KafkaTopic');
  if (kafkaTopics.length || byKind('Kafka').length) {
    const named = new Map(kafkaTopics.map((t) => [t.spec?.topicName ?? t.metadata.name, t]));
    for (const topic of [...ctx.topics.events, ...ctx.topics.deadLetters]) {
      const t = named.get(topic);
      if (!t) {
        problems.push(`no KafkaTopic for ${topic}`);
        continue;
      }
      if (!t.spec?.partitions || !t.spec?.replicas || !t.spec?.config?.['retention.ms'] || !t.spec?.config?.['min.insync.replicas']) problems.push(`KafkaTopic ${topic}: partitions, replicas, retention.ms and min.insync.replicas must be set`);
      else if (t.spec.config['min.insync.replicas'] > t.spec.replicas) problems.push(`KafkaTopic ${topic}: min.insync.replicas above replicas: no write would succeed`);
    }
    for (const app of ctx.apps.filter((a) => a.service)) {
      const user = find('KafkaUser', `xaso-${app.service}`);
      if (!user) {
        problems.push(`${app.app}: no KafkaUser xaso-${app.service}`);
        continue;
      }
      const acls = user.spec?.authorization?.acls ?? [];
      const can = (type: string, name: string, op: string) => acls.some((a: any) => a.resource?.type === type && a.resource?.name === name && (a.operations ?? [a.operation]).includes(op));
      if (!can('topic', `xaso.${app.service}.events.v1`, 'Write')) problems.push(`KafkaUser xaso-${app.service}: may not write its topic`);
      if (!can('group', `${app.service}-service`, 'Read')) problems.push(`KafkaUser xaso-${app.service}: may not use its consumer group`);
    }
  }
  return problems;
}
