import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import type { AppEnv } from './http/app-env.js';
import { describeIssues, errorBody, handleError } from './http/errors.js';
import { readRequestBody } from './http/request-body.js';
import { securityHeaders } from './http/security-headers.js';
import { serveClient } from './http/static-client.js';
import { identify } from './identity/middleware.js';
import { registerAuditRoutes } from './access/audit-routes.js';
import { registerAuthRoutes } from './identity/auth-routes.js';
import { registerDeviceRoutes } from './identity/device-routes.js';
import { registerDevRoutes } from './seed/dev-routes.js';
import { registerKioskRoutes } from './identity/kiosk-routes.js';
import { registerResidentCardRoutes } from './identity/card-routes.js';
import { registerPatientRoutes } from './directory/routes.js';
import { registerCallRoutes } from './consultations/call-routes.js';
import { registerHealthRoutes } from './http/health-routes.js';
import { registerLiveKitWebhook } from './livekit/webhook-routes.js';
import { registerSpeechRoutes } from './speech/routes.js';
import { registerConsultationRoutes } from './consultations/routes.js';
import { registerEventRoutes } from './push/routes.js';
import { registerPharmacyRoutes } from './pharmacy/routes.js';
import { registerScheduleRoutes } from './schedule/routes.js';
import { registerReadingRoutes } from './readings/routes.js';

/** JSON bodies of this API are small; anything larger is refused before it is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    // Every request body is validated by its route's schema; failures answer one way.
    defaultHook: (result, c) => {
      if (!result.success) return c.json(errorBody('validation_failed', describeIssues(result.error)), 400);
      return undefined;
    },
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/') || c.res.status >= 400) {
      deps.logger.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  });
  app.use(
    '*',
    securityHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: [
          "'self'",
          deps.config.livekit.publicUrl,
          deps.config.livekit.publicUrl.replace(/^ws/, 'http'),
        ],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
      // The TV page needs its own camera and microphone, nothing else.
      permissionsPolicy: { camera: ['self'], microphone: ['self'], geolocation: [], payment: [] },
    }),
  );
  app.use('/api/*', readRequestBody(MAX_BODY_BYTES));
  app.use('/api/*', identify(deps));

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerDeviceRoutes(app, deps);
  registerKioskRoutes(app, deps);
  registerPatientRoutes(app, deps);
  registerCallRoutes(app, deps);
  registerConsultationRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerPharmacyRoutes(app, deps);
  registerScheduleRoutes(app, deps);
  registerReadingRoutes(app, deps);
  registerResidentCardRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerSpeechRoutes(app, deps);
  registerLiveKitWebhook(app, deps);
  registerDevRoutes(app, deps);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '临医在家 Doctor at Home API',
      version: '0.1.0',
      description:
        'Signalling API for TVs, kiosks and the clinician console. Errors are {error:{code,message}}.',
    },
  });

  if (deps.config.staticDir) serveClient(app, deps.config.staticDir);

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError(handleError(deps.logger));
  return app;
}
