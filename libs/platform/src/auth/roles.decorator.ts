import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Principal, Role } from './principal';

export const ALLOWED_ROLES = 'registry:roles';

/** The roles that may call a controller or route; everyone else gets 403 (or 404 where existence must not leak). */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The authenticated principal of this request, set by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest().principal as Principal | undefined;
  if (!principal) throw new Error('no principal on the request: is the route public by mistake?');
  return principal;
});
