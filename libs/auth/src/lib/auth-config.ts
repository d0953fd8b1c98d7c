/** Fixed development secret, used only when AUTH_DEV_ISSUER=true and AUTH_DEV_SECRET is unset (never in production). */
export const DEFAULT_DEV_SECRET = 'xaso-dev-secret-not-for-production-0123456789abcdef';

export interface AuthConfig {
  /** RS256 keys from a JWKS endpoint (`AUTH_JWKS_URL`). */
  jwksUrl?: string;
  /** RS256 SPKI public key in PEM (`AUTH_PUBLIC_KEY_PEM`; `\n` escapes accepted). */
  publicKeyPem?: string;
  /** Required `iss` claim when set (`AUTH_ISSUER`). */
  issuer?: string;
  /** Required `aud` claim when set (`AUTH_AUDIENCE`, comma-separated for several). */
  audience?: string | string[];
  /** HS256 development secret (`AUTH_DEV_SECRET`). Ignored, and HS256 refused, when `production`. */
  devSecret?: string;
  /** `NODE_ENV === 'production'`. */
  production: boolean;
  /** Allowed clock skew in seconds for exp/nbf (default 30). */
  clockToleranceSec?: number;
  /** How many verified tokens are remembered until their `exp` (`AUTH_TOKEN_CACHE_SIZE`, default 10,000; 0 = verify every time). */
  tokenCacheSize?: number;
}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

export function devIssuerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.AUTH_DEV_ISSUER === 'true';
}

/** The HS256 dev secret in effect: AUTH_DEV_SECRET, else the fixed default when the dev issuer is on; never in production. */
export function resolveDevSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (isProduction(env)) return undefined;
  if (env.AUTH_DEV_SECRET) return env.AUTH_DEV_SECRET;
  return devIssuerEnabled(env) ? DEFAULT_DEV_SECRET : undefined;
}

/** Reads the AUTH_* variables. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const audience = env.AUTH_AUDIENCE?.split(',').map((a) => a.trim()).filter(Boolean);
  return {
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    publicKeyPem: env.AUTH_PUBLIC_KEY_PEM ? env.AUTH_PUBLIC_KEY_PEM.replace(/\\n/g, '\n') : undefined,
    issuer: env.AUTH_ISSUER || undefined,
    audience: audience && audience.length ? (audience.length === 1 ? audience[0] : audience) : undefined,
    devSecret: resolveDevSecret(env),
    production: isProduction(env),
    ...(env.AUTH_TOKEN_CACHE_SIZE !== undefined && env.AUTH_TOKEN_CACHE_SIZE !== '' && Number.isInteger(Number(env.AUTH_TOKEN_CACHE_SIZE))
      ? { tokenCacheSize: Math.max(0, Number(env.AUTH_TOKEN_CACHE_SIZE)) }
      : {}),
  };
}
