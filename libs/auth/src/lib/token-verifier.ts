import { Injectable, Logger } from '@nestjs/common';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type KeyLike,
} from 'jose';
import type { AuthConfig } from './auth-config';
import { unauthenticated } from './auth-errors';
import type { AuthUser } from './auth-user';
import { isRole, Role } from './role';
import { VerifiedTokenCache } from './verified-token-cache';

/** Injection token of the AuthConfig the verifier was built from. */
export const AUTH_CONFIG = Symbol('XASO_AUTH_CONFIG');

/**
 * Verifies bearer JWTs: RS256 against a JWKS URL or a PEM public key; HS256 with the dev
 * secret outside production only. Every failure is a 401 `UNAUTHENTICATED`.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly jwks?: JWTVerifyGetKey;
  private pemKey?: Promise<KeyLike>;
  private readonly devKey?: Uint8Array;
  /** Verified tokens for their lifetime (AUTH_TOKEN_CACHE_SIZE entries, default 10,000; 0 = off). */
  private readonly verified: VerifiedTokenCache;

  constructor(private readonly config: AuthConfig) {
    this.verified = new VerifiedTokenCache(config.tokenCacheSize ?? 10_000);
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000 });
    if (config.publicKeyPem) {
      this.pemKey = importSPKI(config.publicKeyPem, 'RS256');
      this.pemKey.catch(() => undefined); // reported on use
    }
    if (config.devSecret && !config.production) this.devKey = new TextEncoder().encode(config.devSecret);
    if (!this.jwks && !this.pemKey && !this.devKey) {
      this.logger.warn('No AUTH_JWKS_URL, AUTH_PUBLIC_KEY_PEM or (non-production) AUTH_DEV_SECRET: every token will be rejected');
    }
  }

  /** Whether HS256 development tokens are accepted. */
  get acceptsDevTokens(): boolean {
    return !!this.devKey;
  }

  /**
   * Verifies a compact JWT and maps its claims; throws UnauthorizedException on any problem.
   * A token verified before is answered from the cache until its `exp` (at most 5 minutes).
   */
  async verify(token: string): Promise<AuthUser> {
    const known = this.verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      payload = await this.verifyPayload(token);
    } catch (error) {
      this.logger.debug(`token rejected: ${(error as Error).message}`);
      throw unauthenticated();
    }
    const user = claimsToUser(payload);
    this.verified.set(token, user, payload.exp);
    return user;
  }

  /** Verifies the `Authorization: Bearer <jwt>` header value; undefined when there is none. */
  async verifyAuthorizationHeader(header: string | string[] | undefined): Promise<AuthUser | undefined> {
    const token = bearerToken(header);
    if (token === undefined) return undefined;
    return this.verify(token);
  }

  private async verifyPayload(token: string): Promise<JWTPayload> {
    const { alg, kid } = decodeProtectedHeader(token);
    const options: JWTVerifyOptions = {
      issuer: this.config.issuer,
      audience: this.config.audience,
      clockTolerance: this.config.clockToleranceSec ?? 30,
      requiredClaims: ['sub', 'exp'],
    };
    if (alg === 'RS256') {
      if (this.pemKey && (!this.jwks || !kid)) {
        return (await jwtVerify(token, await this.pemKey, { ...options, algorithms: ['RS256'] })).payload;
      }
      if (this.jwks) return (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256'] })).payload;
      throw new Error('no RS256 key configured');
    }
    if (alg === 'HS256') {
      if (this.config.production) throw new Error('HS256 tokens are refused in production');
      if (!this.devKey) throw new Error('HS256 tokens are not accepted (no dev secret)');
      return (await jwtVerify(token, this.devKey, { ...options, algorithms: ['HS256'] })).payload;
    }
    throw new Error(`algorithm ${String(alg)} is not accepted`);
  }
}

/** Extracts the token of a `Bearer` authorization header; '' for a malformed header, undefined when absent. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : '';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Maps verified claims to an AuthUser: `roles` (array) or `role` (string), `unitCode`/`unit_code`, `idNumber`/`id_number`, `name`. */
export function claimsToUser(payload: JWTPayload): AuthUser {
  const sub = str(payload.sub);
  if (!sub) throw unauthenticated('Token has no subject');
  const rawRoles: unknown[] = Array.isArray(payload.roles)
    ? payload.roles
    : typeof payload.role === 'string'
      ? [payload.role]
      : [];
  const roles = [
    ...new Set(rawRoles.map((r) => (typeof r === 'string' ? r.toUpperCase() : r)).filter(isRole)),
  ] as Role[];
  const user: AuthUser = { sub, roles };
  const unitCode = str(payload.unitCode) ?? str(payload.unit_code);
  const idNumber = str(payload.idNumber) ?? str(payload.id_number);
  const name = str(payload.name);
  if (unitCode) user.unitCode = unitCode;
  if (idNumber) user.idNumber = idNumber;
  if (name) user.name = name;
  return user;
}
