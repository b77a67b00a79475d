import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';

/** Paths that are the single-page app's own screens: they all get index.html (deep links). */
const APP_ROUTES = /^\/(?:$|tv(?:\/|$)|kiosk(?:\/|$)|console(?:\/|$))/;

/**
 * Serves the built client (dist/) from the API's own origin, so the app, the API and its
 * cookies share one origin and the CSP can stay 'self'.
 */
export function serveClient(app: OpenAPIHono<AppEnv>, staticDir: string): void {
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`No built client at ${staticDir}: run \`npm run build\` first.`);
  }
  const root = relative(process.cwd(), staticDir) || '.';
  app.use('/assets/*', async (c, next) => {
    await next();
    // File names carry a content hash: cache them for a year.
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path.startsWith('/api/')) return next();
    if (APP_ROUTES.test(c.req.path)) {
      c.header('Cache-Control', 'no-cache');
      return serveStatic({ root, path: 'index.html' })(c, next);
    }
    return serveStatic({ root })(c, next);
  });
}
