import { chmodSync, cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
