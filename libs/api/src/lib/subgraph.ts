import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { formatGraphQLError } from './graphql-errors';

export interface SubgraphOptions {
  /** Service name, for logs. */
  service: string;
  /** Extra Apollo plugins. */
  plugins?: ApolloFederationDriverConfig['plugins'];
}

/** The Apollo Federation 2 subgraph settings every service shares (code-first). */
export function subgraphGraphQLOptions(options: SubgraphOptions): ApolloFederationDriverConfig {
  return {
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: process.env.NODE_ENV !== 'production',
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    formatError: formatGraphQLError,
    plugins: options.plugins ?? [],
  };
}

export function subgraphGraphQLModule(options: SubgraphOptions): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphGraphQLOptions(options));
}
