import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrincipalProfile } from '../domain/principal.events';

export const API_KEY_FILE = 'api-keys.json';

export interface ApiKeyFile {
  readonly createdAt: string;
  readonly principals: readonly (PrincipalProfile & { readonly apiKey: string })[];
}

export const apiKeyFilePath = (dataDir: string) => join(dataDir, API_KEY_FILE);

/**
 * Writes the keys readable by the owner only (0600), through a temporary file and a rename, so that
 * nobody ever reads a half-written file and the keys are never readable by others, not even briefly.
 */
export function writeApiKeyFile(dataDir: string, content: ApiKeyFile): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = apiKeyFilePath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}
