import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';

/**
 * The API schema Apollo serves (the supergraph without federation internals, with the shared
 * scalars' parsing), for the gateway's code outside Apollo that must read requests exactly as
 * Apollo does. Undefined until the supergraph is first composed; replaced on every recomposition.
 */
export class ApiSchemaHolder {
  schema: GraphQLSchema | undefined;

  plugin(): ApolloServerPlugin {
    return {
      serverWillStart: async () => ({
        schemaDidLoadOrUpdate: ({ apiSchema }) => {
          this.schema = apiSchema;
        },
      }),
    };
  }
}
