import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { GraphQLScalarType } from 'graphql';
import { formatGraphQLError } from './graphql-errors';
import { DateTimeScalar } from './date.scalar';
import { SubgraphDriver } from './graphql-http-handler';
import { inputGuardPlugin, SHARED_SCALARS } from './graphql-input-guard';

export interface SubgraphOptions {
  /** Service name, for logs. */
  service: string;
  /** Extra Apollo plugins. */
  plugins?: ApolloFederationDriverConfig['plugins'];
  /** Scalars the schema uses besides the shared ones (`Date`, `DateTime`, `UnitCode`, `Base64`), e.g. `{ JSON: GraphQLJSON }`. */
  scalars?: Record<string, GraphQLScalarType>;
  /** Types reachable only through `_entities`, e.g. an `AdministrativeUnit` stub this service extends. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** Run the guards on field resolvers too (entity fields reached through `_entities` have no parent query to guard them). */
  guardFieldResolvers?: boolean;
}

/**
 * @nestjs/graphql 13 links federation v2.12 (importing @cacheTag) by default, which the
 * @apollo/subgraph 2.11 we run rejects ("Invalid version v2.12"): pin the link to v2.11.
 */
const FEDERATION_LINK = {
  version: 2 as const,
  importUrl: 'https://specs.apollo.dev/federation/v2.11',
  directives: [
    '@authenticated', '@composeDirective', '@context', '@cost', '@extends', '@external', '@fromContext',
    '@inaccessible', '@interfaceObject', '@key', '@listSize', '@override', '@policy', '@provides',
    '@requires', '@requiresScopes', '@shareable', '@tag',
  ],
};

/** The Apollo Federation 2 subgraph settings every service shares (code-first). */
export function subgraphGraphQLOptions(options: SubgraphOptions): ApolloFederationDriverConfig {
  return {
    driver: SubgraphDriver,
    autoSchemaFile: { federation: FEDERATION_LINK },
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: process.env.NODE_ENV !== 'production',
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    formatError: formatGraphQLError,
    // The federation driver rebuilds the schema from SDL and drops code-first scalar
    // implementations; without this `Date` would accept "2024-02-30" unchecked.
    resolvers: { ...SHARED_SCALARS, ...options.scalars },
    // A subgraph need not use every shared scalar.
    resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' },
    // Code-first `Date` fields are `DateTime`, and the driver copies the code-first DateTime
    // implementation over the one above: make that the validated one too.
    buildSchemaOptions: { orphanedTypes: options.orphanedTypes ?? [], scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    ...(options.guardFieldResolvers ? { fieldResolverEnhancers: ['guards' as const] } : {}),
    // Federated traces (ftv1) are for Apollo Studio, which we do not use: no per-request check for them.
    // No cache hints either (no @cacheControl anywhere; the gateway's policy is max-age 0 without
    // them): the cache-control plugin would wrap every field resolver to collect them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), inputGuardPlugin(), ...(options.plugins ?? [])],
  };
}

export function subgraphGraphQLModule(options: SubgraphOptions): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphGraphQLOptions(options));
}
