import { Principal } from './principal';

/** What an authenticator may look at: the request headers, whatever the transport. */
export interface CredentialsRequest {
  readonly headers: Record<string, string | string[] | undefined>;
}

/**
 * A way to tell who is calling (API key today, JWT later). The guard asks each in turn; handlers
 * see only the resulting Principal, so adding a way changes no handler.
 */
export abstract class Authenticator {
  /**
   * The principal; `null` when this authenticator's kind of credentials is present but invalid;
   * `undefined` when the request carries no credentials of its kind, so the next one may look.
   */
  abstract authenticate(request: CredentialsRequest): Promise<Principal | null | undefined>;
}

/** The authenticators the guard asks, in order. */
export const AUTHENTICATORS = Symbol('AUTHENTICATORS');
