import { ApiKeyFile, apiKeyFilePath } from '@registry/platform/auth';
import { readFileSync } from 'node:fs';

/** The keys a registry wrote on its first start, as a client that was handed the file reads them. */
export function readApiKeyFile(dataDir: string): ApiKeyFile {
  return JSON.parse(readFileSync(apiKeyFilePath(dataDir), 'utf8')) as ApiKeyFile;
}
