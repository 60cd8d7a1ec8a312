import { Principal } from '@registry/platform';

/** A platform principal acts on its own platform's shops only; the platform comes from its credentials, never from the request. */
export function platformOf(principal: Principal): string {
  if (principal.role !== 'platform' || !principal.platformId) throw new Error(`principal ${principal.id} is not bound to a platform`);
  return principal.platformId;
}
