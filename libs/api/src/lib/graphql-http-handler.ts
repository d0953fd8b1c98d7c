import { ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloFederationDriver, ApolloGatewayDriver } from '@nestjs/apollo';
import type { NextFunction, Request, Response } from 'express';

type ContextFunction = (args: { req: Request; res: Response }) => unknown;

/**
 * Serves Apollo Server on Express, as `@as-integrations/express5` does, without the per-request
 * work that a GraphQL answer does not need: the legacy `url.parse` of the whole URL (only the
 * query string is read), and Express's `res.send` (a SHA-1 ETag of every body, a charset rewrite
 * of a content type Apollo already gave with its charset, and a freshness check no GraphQL client
 * sends). Same status, headers and body.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(server: ApolloServer<TContext>, context?: ContextFunction) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const headers = new HeaderMap();
      for (const name in req.headers) {
        const value = req.headers[name];
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body ?? {} },
        context: async () => (context ? ((await context({ req, res })) as TContext) : ({} as TContext)),
      });
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === 'complete') {
        res.setHeader('Content-Length', Buffer.byteLength(answer.body.string));
        res.end(req.method === 'HEAD' ? undefined : answer.body.string);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** The query string of a request target, with its `?` (what `url.parse(target).search` gives), or ''. */
export function searchOf(target: string): string {
  const hash = target.indexOf('#');
  const path = hash < 0 ? target : target.slice(0, hash);
  const start = path.indexOf('?');
  return start < 0 ? '' : path.slice(start);
}

interface DriverInternals {
  httpAdapterHost: { httpAdapter: { getInstance(): { use(path: string, handler: unknown): void }; getHttpServer(): never } };
  apolloServer: ApolloServer<BaseContext>;
}

type ApolloDriverOptions = { path?: string; context?: ContextFunction; plugins?: unknown[] } & Record<string, unknown>;

/** Nest's `registerExpress` of the Apollo drivers, with `graphqlHttpHandler` in place of the express5 integration. */
async function registerLean(driver: DriverInternals, options: ApolloDriverOptions, preStartHook?: () => void): Promise<void> {
  const { httpAdapter } = driver.httpAdapterHost;
  preStartHook?.();
  const server = new ApolloServer({
    ...(options as object),
    plugins: [...((options.plugins ?? []) as never[]), ApolloServerPluginDrainHttpServer({ httpServer: httpAdapter.getHttpServer() })],
  } as never) as ApolloServer<BaseContext>;
  await server.start();
  httpAdapter.getInstance().use(options.path ?? '/graphql', graphqlHttpHandler(server, options.context));
  driver.apolloServer = server;
}

/** The subgraphs' driver: Nest's federation driver served by `graphqlHttpHandler`. */
export class SubgraphDriver extends ApolloFederationDriver {
  protected override async registerExpress(options: never, hooks: { preStartHook?: () => void } = {}): Promise<void> {
    await registerLean(this as unknown as DriverInternals, options, hooks.preStartHook);
  }
}

/** The gateway's driver: Nest's gateway driver served by `graphqlHttpHandler`. */
export class GatewayDriver extends ApolloGatewayDriver {
  protected override async registerExpress(options: never, hooks: { preStartHook?: () => void } = {}): Promise<void> {
    await registerLean(this as unknown as DriverInternals, options, hooks.preStartHook);
  }
}
