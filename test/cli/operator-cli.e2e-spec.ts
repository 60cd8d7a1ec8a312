import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CliOutput, runCli } from '../../apps/registry/src/cli';

jest.setTimeout(120_000);

/** What the commands of this file logged (Nest keeps the first logger of a process for logs outside requests). */
const logged: string[] = [];
const log = { write: (line: string) => logged.push(line) };

/** Runs a command in this process, keeping what went to stdout apart from what was logged. */
async function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const output: CliOutput = { result: (text) => out.push(text), usage: (text) => err.push(text), log };
  const code = await runCli(command, args, env, output);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('the operator CLI', () => {
  let dataDir: string;
  const env = () => ({ REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
  /** A spawned CLI's environment: on the embedded store even where the services suite set DATABASE_URL. */
  const processEnv = () => ({ ...process.env, DATABASE_URL: '', ...env() });

  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'registry-cli-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('--help exits 0 and lists every command', async () => {
    const { code, stdout } = await run('--help', [], env());

    expect(code).toBe(0);
    for (const command of ['projections', 'rebuild <projection>', 'apply-retention [--dry-run]', 'rotate-master-key']) expect(stdout).toContain(command);
  });

  it('prints the projections as JSON on stdout and logs elsewhere', async () => {
    const { code, stdout } = await run('projections', [], env());

    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['principal-directory', 'identity-graph']));
    expect(logged.length).toBeGreaterThan(0);
  });

  it('prints a rebuild as JSON: which projection, from how many events', async () => {
    const { code, stdout } = await run('rebuild', ['principal-directory'], env());

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ projection: 'principal-directory', applied: expect.any(Number), seconds: expect.any(Number) });
  });

  it('prints a dry run of the retention policy as JSON', async () => {
    const { code, stdout } = await run('apply-retention', ['--dry-run'], env());

    expect(code).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
  });

  it('refuses an unknown command or projection with exit 2, the usage on stderr and nothing on stdout', async () => {
    const unknown = await run('reticulate', [], env());
    const noProjection = await run('rebuild', ['no-such-projection'], env());

    expect([unknown.code, unknown.stdout, noProjection.code, noProjection.stdout]).toEqual([2, '', 2, '']);
    expect(unknown.stderr).toContain('projections');
    expect(noProjection.stderr).toContain('principal-directory');
  });

  it('as a process: stdout is the JSON result alone, the logs go to stderr', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/registry/src/main.ts', 'projections'],
      { env: processEnv(), maxBuffer: 10 * 1024 * 1024 },
    );

    expect(Array.isArray(JSON.parse(stdout))).toBe(true);
    expect(
      stderr
        .split('\n')
        .filter(Boolean)
        .every((line) => typeof JSON.parse(line).level === 'string'),
    ).toBe(true);
  });

  it('as a process: a refused command exits 2, once the database has closed', async () => {
    const refused = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/registry/src/main.ts', 'rebuild', 'no-such-projection'],
      { env: processEnv(), maxBuffer: 10 * 1024 * 1024 },
    ).then(
      () => ({ code: 0 }),
      (error: { code?: number }) => ({ code: error.code }),
    );

    expect(refused).toEqual({ code: 2 });
  });
});
