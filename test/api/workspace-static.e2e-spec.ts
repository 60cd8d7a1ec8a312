import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningRegistry, startRegistry } from '../support/registry-app';

describe('the investigator workspace is served by the registry', () => {
  let registry: RunningRegistry;
  let built: string;

  beforeAll(async () => {
    built = mkdtempSync(join(tmpdir(), 'workspace-build-'));
    writeFileSync(join(built, 'index.html'), '<!doctype html><title>workspace</title>');
    registry = await startRegistry({ REGISTRY_WORKSPACE_DIR: built });
  });
  afterAll(async () => {
    await registry.close();
    rmSync(built, { recursive: true, force: true });
  });

  it('serves the built page at /workspace/ without a key: it holds no data, every view it shows is a keyed, audited read', async () => {
    const page = await registry.http().get('/workspace/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>workspace</title>');
    await registry.http().get('/workspace').expect(301).expect('location', '/workspace/');
  });

  it('leaves the API as it was: a read without a key is refused, a path the page does not have is a 404', async () => {
    await registry.http().get('/enforcement/shops/shopee/s1/operator').expect(401);
    await registry.http().get('/workspace/missing.js').expect(404);
  });
});
