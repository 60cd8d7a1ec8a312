import { Injectable } from '@nestjs/common';
import { API_KEY_PREFIX, hashApiKey } from './api-keys';
import { Authenticator, CredentialsRequest } from './authenticator';
import { Principal } from './principal';
import { PrincipalDirectory } from './principal-directory/principal-directory';

/** Longer than any key we issue: anything longer is refused before it is hashed. */
const MAX_KEY_LENGTH = 200;
const BEARER_API_KEY = new RegExp(`^Bearer\\s+(${API_KEY_PREFIX}\\S*)\\s*$`, 'i');

/**
 * `x-api-key: sir_…` or `Authorization: Bearer sir_…`. A bearer token without the prefix is not
 * an API key (a JWT, say) and is left to the next authenticator.
 */
@Injectable()
export class ApiKeyAuthenticator extends Authenticator {
  constructor(private readonly directory: PrincipalDirectory) {
    super();
  }

  async authenticate(request: CredentialsRequest): Promise<Principal | null | undefined> {
    const key = apiKeyOf(request);
    if (key === undefined) return undefined;
    if (key === null || !key.startsWith(API_KEY_PREFIX) || key.length > MAX_KEY_LENGTH) return null;
    // Looked up by its hash: the stored hash is of a random 256-bit key, so timing reveals nothing useful.
    return (await this.directory.findActiveByKeyHash(hashApiKey(key))) ?? null;
  }
}

function apiKeyOf(request: CredentialsRequest): string | null | undefined {
  const header = request.headers['x-api-key'];
  if (header !== undefined) return typeof header === 'string' ? header : null;
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string') return undefined;
  return BEARER_API_KEY.exec(authorization)?.[1];
}
