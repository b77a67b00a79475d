import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { SpeechQuery } from '../../shared/api-schemas.js';
import { authorize } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import { errorResponses } from '../http/responses.js';
import { SpeechUnavailableError } from '../speech/speech.js';

const speechRoute = createRoute({
  method: 'get',
  path: '/api/speech',
  summary: 'Text read aloud as a WAV file, for TVs without a Chinese speechSynthesis voice',
  tags: ['tv'],
  request: { query: SpeechQuery },
  responses: {
    200: {
      description: 'Speech (RIFF WAV, 16-bit mono)',
      content: { 'audio/wav': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 503),
  },
});

export function registerSpeechRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(speechRoute, async (c) => {
    authorize(c, 'speech:synthesize');
    const { text, lang } = c.req.valid('query');
    let wav: Buffer;
    try {
      wav = await c.var.deps.speech.synthesize(text, lang);
    } catch (error) {
      if (error instanceof SpeechUnavailableError) {
        c.var.deps.logger.warn({ err: error.message }, 'speech unavailable');
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
