import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import { requestFromContext } from './request-context';
import type { Role } from './role';

export const IS_PUBLIC_KEY = 'xaso:auth:isPublic';
export const ROLES_KEY = 'xaso:auth:roles';

/** Opts a handler or a whole controller/resolver out of authentication. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Restricts a handler/class to users holding at least one of the roles (implies authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Injects the authenticated AuthUser (or one of its fields) into a resolver or controller method. */
export const CurrentUser = createParamDecorator(
  (field: keyof AuthUser | undefined, context: ExecutionContext) => {
    const user = requestFromContext(context)?.user;
    return field ? user?.[field] : user;
  },
);
