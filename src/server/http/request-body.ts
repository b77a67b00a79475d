/**
 * Reads a request's body once, straight from Node's IncomingMessage, refusing more than
 * `maxBytes` (413) before it is parsed.
 *
 * Why not Hono's bodyLimit and `c.req.json()`: on @hono/node-server, touching `c.req.raw.body`
 * (bodyLimit does, on every request, GETs included) turns the adapter's lightweight request into
 * a real undici `Request` with an AbortController and a web ReadableStream wrapped around
 * `Readable.toWeb(incoming)`; under the readings ingest (issue 14) building them and pulling the
 * body through two web streams cost about a tenth of the API's CPU per post. Here the bytes are
 * gathered from the socket's chunks and handed to Hono's body cache (`c.req.bodyCache.text`, the
 * cache `c.req.json()`, `text()` and the validators read), so every route and validator works
 * unchanged. Outside Node (Hono's `app.request`) Hono's own bodyLimit does the same job.
 */
import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env.js';
import { ApiError } from './errors.js';

const NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export function readRequestBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `Request bodies are limited to ${maxBytes} bytes.`);
  const fallback = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (!incoming) return fallback(c, next);
    if (NO_BODY.has(incoming.method ?? 'GET')) return next();
    const declared = incoming.headers['content-length'];
    // A declared length over the limit is refused unread (as bodyLimit does).
    if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge();
    const bytes = await readAtMost(incoming, maxBytes);
    if (bytes === null) throw tooLarge();
    // What fetch's Request.text() gives: UTF-8, a leading byte order mark dropped
    // (encoding.spec.whatwg.org "UTF-8 decode"), malformed sequences replaced.
    const text = bytes.toString('utf8');
    const body = Promise.resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    // Hono keeps promises in its body cache (request.ts #cachedBody chains on them); its type says the value.
    c.req.bodyCache.text = body as unknown as string;
    return next();
  };
}

/**
 * The whole body, or null as soon as it passes `maxBytes` (counted as it arrives: a chunked body
 * declares no length). What is left unread is drained or the socket closed by the adapter once
 * the answer is sent.
 */
function readAtMost(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done();
        // Paused again: the adapter drains the rest (or closes the socket) after the 413.
        incoming.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const cutOff = () => new ApiError(400, 'malformed_json', 'The request body was cut off before its end.');
    const onError = () => {
      done();
      reject(cutOff());
    };
    // The client went away mid-body: no 'end' will come.
    const onClose = () => {
      if (!incoming.complete) onError();
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}
