import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyringFileOnce, loadKeyring, newMasterKey } from './keyring';

describe('the key file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keyring-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created on first start, owner-only, and read again on the next', () => {
    const first = loadKeyring({}, dir);
    const again = loadKeyring({}, dir);

    expect(again.masterKeys[0].key.equals(first.masterKeys[0].key)).toBe(true);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('created by another replica first is kept: the later one uses its keys, and leaves no temporary file', () => {
    const file = join(dir, 'secrets.json');
    createKeyringFileOnce(file, { masterKeys: [newMasterKey()], indexKey: Buffer.alloc(32, 1) });
    const written = readFileSync(file, 'utf8');

    createKeyringFileOnce(file, { masterKeys: [newMasterKey()], indexKey: Buffer.alloc(32, 2) });

    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(loadKeyring({}, dir).indexKey.equals(Buffer.alloc(32, 1))).toBe(true);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });
});
