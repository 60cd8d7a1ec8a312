import { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The investigator workspace: static files on the API's own origin, so the page calls the API with
 * the officer's key and no cross-origin rules. The files hold no data (every view is an audited
 * API read), so they need no key. The one place that knows the HTTP adapter serves them.
 */
export function serveWorkspace(app: NestExpressApplication, directory: string): void {
  // The asset names carry a content hash; index.html names them, so it is revalidated on every load.
  app.useStaticAssets(directory, { prefix: '/workspace', index: 'index.html', redirect: true });
}
