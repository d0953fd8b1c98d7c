import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@xaso/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** True when the subgraph answers a trivial operation. */
export async function subgraphAnswers(url: string, timeoutMs = 2_000): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) return false;
  const body = (await response.json()) as { data?: { __typename?: string } };
  return body.data?.__typename === 'Query';
}

/** The checks a readiness report lists as down, e.g. `admin-unit-replica: 1000 of the 14149 units ...`. */
function downChecks(report: unknown): string {
  // terminus puts every check in `details` (the problem+json filter keeps it), the down ones also in `error`.
  const body = report as { details?: Record<string, { status?: string; message?: string }>; error?: Record<string, { status?: string; message?: string }> } | null;
  return Object.entries(body?.details ?? body?.error ?? {})
    .filter(([, detail]) => detail?.status !== 'up')
    .map(([name, detail]) => (detail?.message ? `${name}: ${detail.message}` : name))
    .join('; ');
}

/**
 * True when the service behind a subgraph is ready: its own `/health/ready` (database, transport,
 * admin-unit replica, ...) is 200 and its GraphQL endpoint answers. Otherwise throws with what is down.
 */
export async function subgraphReady(subgraphUrl: string, serviceBaseUrl: string, timeoutMs = 1_400): Promise<boolean> {
  const response = await fetch(`${serviceBaseUrl.replace(/\/+$/, '')}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) {
    const report = await response.json().catch(() => null);
    throw new Error(`/health/ready ${response.status}${downChecks(report) ? ` (${downChecks(report)})` : ''}`);
  }
  if (!(await subgraphAnswers(subgraphUrl, timeoutMs))) throw new Error('GraphQL does not answer { __typename }');
  return true;
}

/**
 * `/health/ready` of the gateway: every subgraph's service is ready (one check per subgraph,
 * `subgraph:<name>`), so the gateway is ready only when every service behind it is.
 */
@Injectable()
export class SubgraphHealth implements OnModuleInit {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly registry: HealthRegistry,
  ) {}

  onModuleInit(): void {
    for (const subgraph of this.config.subgraphs) {
      const serviceBaseUrl = this.config.restTargets[subgraph.name] ?? new URL(subgraph.url).origin;
      this.registry.register(`subgraph:${subgraph.name}`, () => subgraphReady(subgraph.url, serviceBaseUrl));
    }
  }
}
