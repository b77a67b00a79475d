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
    // Only text is cached as text: a binary body (an upload) would be spoilt by UTF-8 decoding.
    if (!isTextBody(incoming.headers['content-type'])) return fallback(c, next);
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

/** JSON, text or a form: the API's bodies, read as text by every route. No type: an empty body. */
function isTextBody(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return (
    type === 'application/json' || type.startsWith('text/') || type === 'application/x-www-form-urlencoded'
  );
}

/**
 * The whole body, or null as soon as it passes `maxBytes` (counted as it arrives: a chunked body
 * declares no length). What is left unread is drained or the socket closed by the adapter once
 * the answer is sent.
 */
function readAtMost(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => new BodyReader(incoming, maxBytes, resolve, reject).start());
}

/**
 * One body being read. A class with bound methods rather than closures: the API runs under tsx,
 * whose keepNames pass names every closure made per request (a defineProperty each), which
 * showed in the ingest's profile.
 */
class BodyReader {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly onData = this.data.bind(this);
  private readonly onEnd = this.end.bind(this);
  private readonly onError = this.cutOff.bind(this);
  private readonly onClose = this.close.bind(this);

  constructor(
    private readonly incoming: IncomingMessage,
    private readonly maxBytes: number,
    private readonly resolve: (body: Buffer | null) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  start(): void {
    this.incoming.on('data', this.onData);
    this.incoming.on('end', this.onEnd);
    this.incoming.on('error', this.onError);
    this.incoming.on('close', this.onClose);
  }

  private stop(): void {
    this.incoming.off('data', this.onData);
    this.incoming.off('end', this.onEnd);
    this.incoming.off('error', this.onError);
    this.incoming.off('close', this.onClose);
  }

  private data(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.stop();
      // Paused again: the adapter drains the rest (or closes the socket) after the 413.
      this.incoming.pause();
      this.resolve(null);
      return;
    }
    this.chunks.push(chunk);
  }

  private end(): void {
    this.stop();
    const { chunks } = this;
    this.resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.size));
  }

  private cutOff(): void {
    this.stop();
    this.reject(new ApiError(400, 'malformed_json', 'The request body was cut off before its end.'));
  }

  /** The client went away mid-body: no 'end' will come. */
  private close(): void {
    if (!this.incoming.complete) this.cutOff();
  }
}
