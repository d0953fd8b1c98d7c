import { type CompositionSuccess, composeServices } from '@apollo/composition';
import type { SupergraphManager } from '@apollo/gateway';
import { Logger } from '@nestjs/common';
import { parse } from 'graphql';
import type { SubgraphTarget } from '../config';

const SDL_QUERY = 'query __ApolloGetServiceDefinition__ { _service { sdl } }';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** Asks one Federation subgraph for its schema (`_service { sdl }`). */
export async function fetchSubgraphSdl(url: string, timeoutMs = 5_000): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: SDL_QUERY }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${response.status} with a non-JSON body`);
  }
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} answered ${response.status} without _service.sdl: ${JSON.stringify(body.errors ?? body)}`);
  return sdl;
}

/** Thrown when the subgraph schemas do not compose into one supergraph. */
export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`The subgraphs do not compose:\n- ${errors.join('\n- ')}`);
    this.name = 'CompositionError';
  }
}

/** Composes Federation 2 subgraph SDLs with `@apollo/composition`; throws CompositionError. */
export function composeSubgraphs(subgraphs: SubgraphSdl[]): CompositionSuccess {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length || !result.supergraphSdl) {
    throw new CompositionError((result.errors ?? []).map((e) => e.message));
  }
  return result;
}

/** Composes Federation 2 subgraph SDLs into a supergraph SDL; throws CompositionError. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  return composeSubgraphs(subgraphs).supergraphSdl;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fetches every subgraph's SDL, retrying unreachable ones until `timeoutMs` (subgraphs may still be starting). */
export async function fetchAllSdl(subgraphs: SubgraphTarget[], timeoutMs: number, logger?: Logger): Promise<SubgraphSdl[]> {
  const deadline = Date.now() + timeoutMs;
  return Promise.all(
    subgraphs.map(async ({ name, url }) => {
      let delay = 100;
      for (let attempt = 1; ; attempt++) {
        try {
          return { name, url, sdl: await fetchSubgraphSdl(url) };
        } catch (error) {
          if (Date.now() + delay > deadline) {
            throw new Error(`Subgraph ${name} (${url}) did not answer within ${timeoutMs} ms: ${(error as Error).message}`);
          }
          if (attempt === 1 || attempt % 10 === 0) logger?.warn(`waiting for subgraph ${name} at ${url}: ${(error as Error).message}`);
          await sleep(delay);
          delay = Math.min(delay * 2, 2_000);
        }
      }
    }),
  );
}

/**
 * Supergraph source for ApolloGateway: composes from the subgraphs' own SDL at start-up
 * (retrying while they come up, which IntrospectAndCompose does not do) and, when
 * `pollIntervalMs > 0`, recomposes periodically and hands a changed supergraph to the gateway.
 * A recomposition that fails keeps the last good supergraph.
 */
export class SubgraphComposer implements SupergraphManager {
  private readonly logger = new Logger('Supergraph');
  private timer?: NodeJS.Timeout;
  private current?: string;

  constructor(
    private readonly subgraphs: SubgraphTarget[],
    private readonly options: { startupTimeoutMs: number; pollIntervalMs: number },
  ) {}

  async initialize({ update }: { update: (supergraphSdl: string) => void }): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    if (this.subgraphs.length === 0) throw new Error('No subgraphs configured (set SUBGRAPHS="name=url,...")');
    const sdl = await fetchAllSdl(this.subgraphs, this.options.startupTimeoutMs, this.logger);
    this.current = composeSupergraph(sdl);
    this.logger.log(`composed supergraph from ${this.subgraphs.map((s) => s.name).join(', ')}`);
    if (this.options.pollIntervalMs > 0) {
      const poll = async () => {
        try {
          const next = composeSupergraph(await fetchAllSdl(this.subgraphs, 0));
          if (next !== this.current) {
            this.current = next;
            update(next);
            this.logger.log('subgraph schemas changed: supergraph recomposed');
          }
        } catch (error) {
          this.logger.warn(`recomposition skipped: ${(error as Error).message}`);
        }
        this.timer = setTimeout(poll, this.options.pollIntervalMs);
        this.timer.unref();
      };
      this.timer = setTimeout(poll, this.options.pollIntervalMs);
      this.timer.unref();
    }
    return { supergraphSdl: this.current, cleanup: async () => clearTimeout(this.timer) };
  }
}
