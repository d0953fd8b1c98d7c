import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from './auth-errors';
import { hasRole } from './auth-user';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { requestFromContext } from './request-context';
import type { Role } from './role';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard (APP_GUARD via AuthModule.forRoot): authenticated by default for REST and GraphQL;
 * `@Public()` opts out, `@Roles(...)` restricts. The verified user is set on `req.user`.
 * Non-HTTP transports (no request, no bearer header) are not guarded here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestFromContext(context);
    if (!request) return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];

    if (request.user === undefined) {
      try {
        request.user = await this.verifier.verifyAuthorizationHeader(request.headers?.authorization);
      } catch (error) {
        // A bad token on a public operation is treated as anonymous.
        if (!(isPublic && roles.length === 0)) throw error;
      }
    }
    if (isPublic && roles.length === 0) return true;
    if (!request.user) throw unauthenticated();
    if (roles.length > 0 && !hasRole(request.user, ...roles)) throw forbidden();
    return true;
  }
}
