import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * The secrets that protect personal data, from configuration and never from the database:
 * master keys wrap the data keys (the first is current, the others are kept for rotation),
 * the index key makes blind indexes.
 */
export interface Keyring {
  readonly masterKeys: readonly MasterKey[];
  readonly indexKey: Buffer;
  /** Where the keyring came from: a file can be rotated in place, the environment cannot. */
  readonly file: string | null;
}

interface KeyringFile {
  readonly masterKeys: readonly { id: string; key: string }[];
  readonly indexKey: string;
}

export const KEYRING_FILE = 'secrets.json';

/**
 * `REGISTRY_MASTER_KEY` (base64, 32 bytes; `REGISTRY_MASTER_KEY_ID`, `REGISTRY_PREVIOUS_MASTER_KEYS`
 * as `id:base64,…`) and `REGISTRY_INDEX_KEY`; else the file `REGISTRY_KEY_FILE` (default
 * `<dataDir>/secrets.json`), created with fresh random keys on first start, owner-only.
 */
export function loadKeyring(env: Partial<Record<string, string | undefined>>, dataDir: string): Keyring {
  if (env.REGISTRY_MASTER_KEY || env.REGISTRY_INDEX_KEY) {
    if (!env.REGISTRY_MASTER_KEY || !env.REGISTRY_INDEX_KEY) {
      throw new Error('set both REGISTRY_MASTER_KEY and REGISTRY_INDEX_KEY (or neither, to use a key file)');
    }
    const previous = (env.REGISTRY_PREVIOUS_MASTER_KEYS ?? '')
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const [id, key] = entry.split(':');
        return { id, key: decodeKey(key, `REGISTRY_PREVIOUS_MASTER_KEYS (${id})`) };
      });
    return {
      masterKeys: [{ id: env.REGISTRY_MASTER_KEY_ID ?? 'env-1', key: decodeKey(env.REGISTRY_MASTER_KEY, 'REGISTRY_MASTER_KEY') }, ...previous],
      indexKey: decodeKey(env.REGISTRY_INDEX_KEY, 'REGISTRY_INDEX_KEY'),
      file: null,
    };
  }
  const file = env.REGISTRY_KEY_FILE ?? join(dataDir, KEYRING_FILE);
  createKeyringFileOnce(file, { masterKeys: [newMasterKey()], indexKey: randomBytes(32) });
  return readKeyringFile(file);
}

/** The keyring as the file holds it now (another process may have rotated the master key). */
export function readKeyringFile(file: string): Keyring {
  const content = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile;
  return {
    masterKeys: content.masterKeys.map((k) => ({ id: k.id, key: decodeKey(k.key, `${file} (${k.id})`) })),
    indexKey: decodeKey(content.indexKey, `${file} (indexKey)`),
    file,
  };
}

export function newMasterKey(): MasterKey {
  return {
    id: `m-${new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${randomBytes(3).toString('hex')}`,
    key: randomBytes(32),
  };
}

/** Owner-only, written to a temporary file and renamed, so it is never half-written or briefly readable. */
export function writeKeyringFile(file: string, keyring: { masterKeys: readonly MasterKey[]; indexKey: Buffer }): void {
  renameSync(writeTemporary(file, keyring), file);
}

/**
 * Writes the keyring only if no file is there, atomically: a hard link fails when the name exists,
 * where a rename would replace it. Replicas starting at once on a shared volume thus all use the
 * first one's keys; with a rename, the last would win and what the others encrypted meanwhile would
 * be unreadable for good.
 */
export function createKeyringFileOnce(file: string, keyring: { masterKeys: readonly MasterKey[]; indexKey: Buffer }): void {
  const temporary = writeTemporary(file, keyring);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function writeTemporary(file: string, keyring: { masterKeys: readonly MasterKey[]; indexKey: Buffer }): string {
  mkdirSync(dirname(file), { recursive: true });
  const content: KeyringFile = {
    masterKeys: keyring.masterKeys.map((k) => ({ id: k.id, key: k.key.toString('base64') })),
    indexKey: keyring.indexKey.toString('base64'),
  };
  // Not the pid alone: containers on one volume all run as pid 1.
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  return temporary;
}

function decodeKey(base64: string | undefined, name: string): Buffer {
  const key = Buffer.from(base64 ?? '', 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes in base64`);
  return key;
}
