import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthUser } from './auth-user';

/** The parts of an HTTP request the auth code reads and writes. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/** The HTTP request behind a REST or GraphQL execution context; undefined for other transports. */
export function requestFromContext(context: ExecutionContext): AuthenticatedRequest | undefined {
  const type = context.getType<string>();
  if (type === 'http') return context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (type === 'graphql') {
    const gqlContext = GqlExecutionContext.create(context).getContext<{ req?: AuthenticatedRequest }>();
    return gqlContext?.req;
  }
  return undefined;
}
