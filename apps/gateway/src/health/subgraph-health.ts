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

/** `/health/ready` of the gateway: every subgraph answers (one check per subgraph, `subgraph:<name>`). */
@Injectable()
export class SubgraphHealth implements OnModuleInit {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly registry: HealthRegistry,
  ) {}

  onModuleInit(): void {
    for (const subgraph of this.config.subgraphs) {
      this.registry.register(`subgraph:${subgraph.name}`, () => subgraphAnswers(subgraph.url));
    }
  }
}
