import Database from 'better-sqlite3';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningRegistry, startRegistry } from './registry-app';

/**
 * A copy of the data folder an earlier commit wrote (test/fixtures/data-folder-<commit>) in a new
 * temporary folder, owner-only as the registry requires of its folder and key files.
 */
export function copyDataFolderFixture(commit: string): string {
  const folder = mkdtempSync(join(tmpdir(), `registry-${commit}-folder-`));
  cpSync(join(__dirname, `../fixtures/data-folder-${commit}`), folder, { recursive: true });
  for (const file of readdirSync(folder)) chmodSync(join(folder, file), 0o600);
  chmodSync(folder, 0o700);
  return folder;
}

/** What `read` takes from the folder's database as the earlier commit left it: opened read-only, closed again. */
export async function readAsLeft<T>(folder: string, read: (file: Database.Database) => T | Promise<T>): Promise<T> {
  const file = new Database(join(folder, 'registry.sqlite'), { readonly: true });
  try {
    return await read(file);
  } finally {
    file.close();
  }
}

/** This version started on the folder (migrating it forward), with its projections caught up. */
export async function startOnFolder(folder: string): Promise<RunningRegistry> {
  const registry = await startRegistry({ REGISTRY_DATA_DIR: folder });
  await registry.settle();
  return registry;
}

/** Stops the registry and removes the folder it ran on. */
export async function stopAndRemove(registry: RunningRegistry, folder: string): Promise<void> {
  await registry.close();
  rmSync(folder, { recursive: true, force: true });
}
