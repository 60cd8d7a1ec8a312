import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The investigator workspace: static files on the API's own origin, so the page calls the API with
 * the officer's key and no cross-origin rules. The files hold no data (every view is an audited
 * API read), so they need no key. The one place that knows the HTTP adapter serves them.
 */
export function serveWorkspace(app: NestFastifyApplication, directory: string): void {
  // Not built (a test run, an API-only image): /workspace/ is a 404 like any unknown path.
  if (!existsSync(directory)) return;
  // The asset names carry a content hash; index.html names them, so it is revalidated on every load.
  // `/workspace` redirects to `/workspace/`; the API's own answers keep the reply undecorated.
  app.useStaticAssets({ root: resolve(directory), prefix: '/workspace', index: 'index.html', redirect: true, decorateReply: false });
}
