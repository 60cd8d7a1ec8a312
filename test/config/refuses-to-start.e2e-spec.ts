import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

/** The service as `npm start` runs it, with a configuration it must refuse. */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/registry/src/main.ts'],
      { env: { ...process.env, ...env }, timeout: 100_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

describe('a bad configuration', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'registry-config-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops the service before it starts, naming every bad variable in one line', async () => {
    const { code, stdout, stderr } = await start({ REGISTRY_DATA_DIR: dataDir, PORT: 'abc', LOG_LEVEL: 'loud' });

    expect(code).toBe(1);
    expect(stdout).toBe('');
    const [line, ...more] = stderr.trim().split('\n');
    expect(more).toEqual([]);
    expect(JSON.parse(line)).toMatchObject({ level: 'fatal', error: expect.stringMatching(/PORT must be .*; LOG_LEVEL must be/) });
  });
});
