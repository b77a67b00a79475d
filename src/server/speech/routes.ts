import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { SpeechQuery } from '../../shared/api-schemas.js';
import { authorize } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses } from '../http/responses.js';
import { LIMITS, reserveAttempt } from '../identity/limits.js';
import { SpeechBusyError, SpeechUnavailableError } from './speech.js';

const speechRoute = createRoute({
  method: 'get',
  path: '/api/speech',
  summary: 'Text read aloud as a WAV file, for TVs without a Chinese speechSynthesis voice',
  description:
    'Cached phrases answer at once. New phrases are limited per session (60 a minute) and per server (two made at once, eight waiting): 429 with Retry-After beyond.',
  tags: ['tv'],
  request: { query: SpeechQuery },
  responses: {
    200: {
      description: 'Speech (RIFF WAV, 16-bit mono)',
      content: { 'audio/wav': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 429, 503),
  },
});

export function registerSpeechRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'limiter' | 'logger' | 'speech'>,
): void {
  app.openapi(speechRoute, async (c) => {
    const actor = authorize(c, 'speech:synthesize');
    const { text, lang } = c.req.valid('query');
    const { speech } = deps;
    // Only a phrase not cached costs a process: those are limited per session (limits.ts).
    if (!speech.has(text, lang))
      reserveAttempt(c, deps, [[`speech:${actor.session.idHash}`, LIMITS.speechPerSession]]);
    let wav: Buffer;
    try {
      wav = await speech.synthesize(text, lang);
    } catch (error) {
      if (error instanceof SpeechBusyError) {
        c.header('Retry-After', '1');
        throw new ApiError(429, 'too_many_attempts', 'Speech is busy. Try again in a moment.');
      }
      if (error instanceof SpeechUnavailableError) {
        deps.logger.warn({ err: error.message }, 'speech unavailable');
        throw new ApiError(503, 'speech_unavailable', 'Speech synthesis is not available on this server.');
      }
      throw error;
    }
    // The same phrase comes back often (screen titles): let the TV keep it.
    return c.body(new Uint8Array(wav), 200, {
      'content-type': 'audio/wav',
      'cache-control': 'private, max-age=86400',
    });
  });
}
