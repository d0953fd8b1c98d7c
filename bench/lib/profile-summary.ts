import { readFileSync } from 'node:fs';

/**
 * Where a V8 CPU profile's time went, by part of the stack, in ms per request: every sample is
 * given to the category of its innermost frame that belongs to a known package or file (a
 * `JSON.stringify` called by graphql-js counts as GraphQL execution, a socket write called by
 * pg as the pg driver). Used for the breakdown table of bench/README.md.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Category by URL (first match wins; order matters), checked from the innermost frame outwards. */
const CATEGORIES: [string, RegExp][] = [
  ['async hooks / AsyncLocalStorage', /node:internal\/(async_hooks|async_local_storage|async_context_frame)|node:async_hooks/],
  ['gateway: query planning', /@apollo\/query-planner\//],
  ['gateway: federation executor', /@apollo\/gateway\//],
  ['federation internals (schema/operations)', /@apollo\/federation-internals\//],
  ['subgraph: @apollo/subgraph', /@apollo\/subgraph\//],
  ['Apollo Server request pipeline', /@apollo\/server\/|@as-integrations\//],
  ['GraphQL parse/print', /graphql\/language\//],
  ['GraphQL validation', /graphql\/validation\//],
  ['GraphQL execution', /graphql\/execution\//],
  ['GraphQL other (utilities, types)', /\/graphql\//],
  ['depth/cost limits', /graphql-depth-limit|apps\/gateway\/src\/graphql\/complexity/],
  ['Nest GraphQL (resolver wrapping)', /@nestjs\/graphql\/|@nestjs\/apollo\//],
  ['Nest core (guards, pipes, interceptors, DI)', /@nestjs\/(core|common)\//],
  ['Nest express adapter / Express', /@nestjs\/platform-express|\/express\/|\/router\/|body-parser|raw-body|finalhandler|\/send\/|\/qs\/|type-is|content-type|\/cors\//],
  // Packages only: a checkout's own path may contain "fastify" (a worktree named after it).
  ['Fastify', /@nestjs\/platform-fastify|\/node_modules\/(fastify|@fastify\/[^/]+|find-my-way|avvio|light-my-request|fast-json-stringify|fast-querystring|fast-content-type-parse|secure-json-parse|toad-cache|abstract-logging)\//],
  ['JWT (jose)', /\/jose\//],
  ['crypto (node)', /node:internal\/crypto|node:crypto/],
  ['validation (class-validator/transformer)', /class-validator|class-transformer|\/validator\/|libphonenumber/],
  ['TypeORM', /\/typeorm\//],
  ['pg driver', /\/pg\/|pg-protocol|pg-pool|pg-types|postgres-array|postgres-date|pg-connection-string/],
  ['logging (pino, redaction)', /pino|sonic-boom|libs\/observability\/src\/lib\/(logging|redaction)|fast-redact|safe-stable-stringify|quick-format/],
  ['metrics (prom-client)', /prom-client|libs\/observability\/src\/lib\/metrics|tdigest|bintrees/],
  ['HTTP client (undici / fetch)', /undici|node:internal\/deps\/undici/],
  ['node HTTP server / net / streams', /node:_http|node:http|node:net|node:internal\/(http|streams|stream_base|net)|node:stream|node:events|node:internal\/timers|node:timers|node:internal\/process\/task_queues/],
  ['dossier-service code', /apps\/dossier-service\//],
  ['gateway code', /apps\/gateway\//],
  ['platform libs (@xaso/*)', /\/libs\/[a-z-]+\/src\//],
  ['uuid', /\/uuid\//],
  ['dataloader', /dataloader/],
  ['baseline server', /bench\/baseline\//],
];

const PSEUDO: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(program)': 'V8/native (program)',
  '(idle)': 'idle',
  '(root)': 'V8/native (program)',
};

export interface ProfileBreakdown {
  /** ms of CPU per request: the thread's measured CPU when given, else the profile's non-idle sample time. */
  totalMsPerRequest: number;
  /** Non-idle sample time per request (wall time on a busy machine: larger than the CPU time). */
  sampledMsPerRequest: number;
  rows: { category: string; msPerRequest: number; share: number }[];
  topFunctions: { name: string; selfMsPerRequest: number }[];
}

/**
 * `threadCpuMsPerRequest`: the thread's CPU per request measured in the same window. On a
 * shared machine a sample's time is wall time (the thread may be descheduled while it is "running"),
 * so the shares are taken from the profile and scaled to the measured CPU.
 */
export function summarizeProfile(file: string, requests: number, threadCpuMsPerRequest?: number): ProfileBreakdown {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const categoryOf = new Map<number, string>();
  const categorize = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    const node = byId.get(id) as ProfileNode;
    const pseudo = PSEUDO[node.callFrame.functionName];
    let category: string | undefined = pseudo && !node.callFrame.url ? pseudo : undefined;
    if (!category) {
      const url = node.callFrame.url;
      category = url ? CATEGORIES.find(([, re]) => re.test(url))?.[0] : undefined;
    }
    if (!category) {
      const up = parent.get(id);
      category = up === undefined ? 'other' : categorize(up);
      if (category === 'V8/native (program)') category = 'other';
    }
    categoryOf.set(id, category);
    return category;
  };
  const time = new Map<string, number>();
  const self = new Map<string, number>();
  // timeDeltas[i] is the time before sample i; the time of sample i is the next delta (approximately the interval).
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const id = profile.samples[i];
    const category = categorize(id);
    time.set(category, (time.get(category) ?? 0) + dt);
    const f = (byId.get(id) as ProfileNode).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/[^/]+\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  time.delete('idle');
  const busy = [...time.values()].reduce((a, b) => a + b, 0);
  const sampled = busy / Math.max(requests, 1);
  const scale = threadCpuMsPerRequest !== undefined && sampled > 0 ? threadCpuMsPerRequest / sampled : 1;
  const per = (ms: number) => Math.round(((ms * scale) / Math.max(requests, 1)) * 1000) / 1000;
  return {
    totalMsPerRequest: per(busy),
    sampledMsPerRequest: Math.round(sampled * 1000) / 1000,
    rows: [...time.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([category, ms]) => ({ category, msPerRequest: per(ms), share: Math.round((ms / busy) * 1000) / 10 })),
    topFunctions: [...self.entries()]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([name, ms]) => ({ name, selfMsPerRequest: per(ms) })),
  };
}

export function breakdownMarkdown(title: string, b: ProfileBreakdown): string {
  const lines = [
    `### ${title}: ${b.totalMsPerRequest} ms CPU per request (the thread's measured CPU, split by the profile's shares; ${b.sampledMsPerRequest} ms sampled)`,
    '', '| part | ms/request | share |', '| --- | ---: | ---: |'];
  for (const r of b.rows) lines.push(`| ${r.category} | ${r.msPerRequest} | ${r.share}% |`);
  lines.push('', '<details><summary>top functions (self time)</summary>', '', '| function | ms/request |', '| --- | ---: |');
  for (const f of b.topFunctions) lines.push(`| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.selfMsPerRequest} |`);
  lines.push('', '</details>', '');
  return lines.join('\n');
}

if (require.main === module) {
  const [file, requests] = process.argv.slice(2);
  if (!file || !requests) {
    process.stderr.write('usage: node -r @swc-node/register bench/lib/profile-summary.ts <file.cpuprofile> <requests>\n');
    process.exit(2);
  }
  process.stdout.write(breakdownMarkdown(file, summarizeProfile(file, Number(requests))));
}
