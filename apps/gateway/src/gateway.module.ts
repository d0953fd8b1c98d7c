import type { ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApiModule, GatewayDriver } from '@xaso/api';
import { AuthModule, DevTokenIssuerModule, TokenVerifier } from '@xaso/auth';
import { ObservabilityModule } from '@xaso/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { EXPLORER_ASSETS_PATH, GraphQLExplorerMiddleware } from './graphql/explorer';
import { ApiSchemaHolder } from './graphql/api-schema.holder';
import { gatewayGraphQLOptions } from './graphql/gateway-graphql';
import { RestTwinMiddleware } from './graphql/rest-twins/rest-twin.middleware';
import { SubgraphHealth } from './health/subgraph-health';
import { OpenApiAggregator, OpenApiController } from './rest/openapi';
import { RestProxyMiddleware } from './rest/rest-proxy.middleware';

@Module({})
export class GatewayModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const apiSchema = new ApiSchemaHolder();
    return {
      module: GatewayModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'gateway', mountedPaths: ['/graphql'] }),
        ApiModule,
        // The gateway owns no resources: its own routes (OpenAPI, health, metrics, dev tokens) are public,
        // so only the verifier is needed, not the global guard.
        AuthModule.forRoot({ globalGuard: false }),
        DevTokenIssuerModule.registerIfEnabled(),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: GatewayDriver,
          inject: [TokenVerifier],
          useFactory: (verifier: TokenVerifier) => gatewayGraphQLOptions(config, verifier, apiSchema),
        }),
      ],
      controllers: [OpenApiController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: ApiSchemaHolder, useValue: apiSchema },
        RestTwinMiddleware,
        OpenApiAggregator, RestProxyMiddleware, GraphQLExplorerMiddleware, SubgraphHealth],
    };
  }

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RestProxyMiddleware).forRoutes({ path: 'api/v1/*path', method: RequestMethod.ALL });
    if (this.config.restTwins) consumer.apply(RestTwinMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.POST });
    if (this.config.explorer) {
      // Ahead of Apollo's /graphql handler: GraphiQL for a browser's GET, everything else passes through.
      consumer
        .apply(GraphQLExplorerMiddleware)
        .forRoutes({ path: 'graphql', method: RequestMethod.GET }, { path: `${EXPLORER_ASSETS_PATH.slice(1)}/*path`, method: RequestMethod.GET });
    }
  }
}
