import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { type AuthConfig, authConfigFromEnv } from './auth-config';
import { AuthGuard } from './auth.guard';
import { AUTH_CONFIG, TokenVerifier } from './token-verifier';

export interface AuthModuleOptions {
  /** Overrides for the configuration read from AUTH_* / NODE_ENV (tests). */
  config?: Partial<AuthConfig>;
  /** Register AuthGuard as APP_GUARD (default true). */
  globalGuard?: boolean;
}

/** Global module: TokenVerifier from the environment and AuthGuard as the app-wide guard. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_CONFIG, useFactory: (): AuthConfig => ({ ...authConfigFromEnv(), ...options.config }) },
        { provide: TokenVerifier, useFactory: (config: AuthConfig) => new TokenVerifier(config), inject: [AUTH_CONFIG] },
        AuthGuard,
        ...(options.globalGuard === false ? [] : [{ provide: APP_GUARD, useExisting: AuthGuard }]),
      ],
      exports: [AUTH_CONFIG, TokenVerifier, AuthGuard],
    };
  }
}
