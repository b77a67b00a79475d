import type { ApiErrorCode } from '../../shared/api-errors.js';
import type { ErrorBody } from '../../shared/api-schemas.js';
import { isCacheableRead, type ReadCacheStore } from '../offline/read-cache.js';

/** What a failed request was: an API error code, or 'network' when the API could not be reached. */
export type RequestErrorCode = ApiErrorCode | 'network';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: RequestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A read's answer and, when it came from the TV's cache because the API was out of reach, when it was stored. */
export interface Aged<T> {
  value: T;
  /** null: fresh from the API. */
  storedAt: number | null;
}

/** The API is out of reach (no network, or a proxy in front of a stopped API). */
function unreachable(error: unknown): boolean {
  return (
    error instanceof ApiRequestError && (error.status === 0 || error.status === 502 || error.status === 504)
  );
}

/**
 * The client's one way to reach the API, one per app (the app root provides it as apiContext):
 * JSON in and out, errors as ApiRequestError with the API's code (error-messages.ts turns it into
 * words). The session travels in an HttpOnly cookie the page cannot read; the CSRF token from the
 * last session answer goes with every state-changing request. The endpoints are plain functions
 * over it in each feature's `api.ts` (`session(api)` in identity/api.ts, `queue(api)` in
 * consultations/api.ts), typed from the shared zod schemas by type-only imports, which keep zod
 * out of the bundle.
 */
export class ApiClient {
  private csrfToken: string | null = null;
  /** Bumped when the cache is emptied: an answer of a read begun before must not be stored after. */
  private cacheGeneration = 0;
  /**
   * Server time minus this device's clock, from the Date header of the last answer (whole
   * seconds: enough for choosing days). A TV's clock may be days off (issue 16 §6); 0 until the
   * first answer.
   */
  private clockOffsetMs = 0;

  /**
   * `cache`: the TV's read cache (offline/read-cache.ts), network first with the cached answer as
   * the fallback; null where nothing may be kept (kiosk, console).
   */
  constructor(
    private readonly baseUrl = '',
    private readonly cache: ReadCacheStore | null = null,
  ) {}

  /** The server's time now, by this device's clock and the last answer's Date header. */
  serverNow(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** Signed out: the token belonged to the session that ended, and so did the cached reads. */
  forgetSession(): void {
    this.csrfToken = null;
    void this.forgetCachedReads();
  }

  private async forgetCachedReads(): Promise<void> {
    this.cacheGeneration += 1;
    await this.cache?.clear();
  }

  /**
   * A GET, network first: the answer is kept (for the reads worth keeping), and when the API cannot
   * be reached the last kept answer comes back with its age. Any other error is thrown as it is.
   */
  async read<T>(path: string): Promise<Aged<T>> {
    const cache = this.cache && isCacheableRead(path) ? this.cache : null;
    const generation = this.cacheGeneration;
    // navigator.onLine false means no network at all (true only means maybe): the kept answer at
    // once, instead of a request that must fail first (issue 18: a TV's cold start offline).
    if (cache && navigator.onLine === false) {
      const kept = await cache.get(path);
      if (kept) return { value: kept.body as T, storedAt: kept.storedAt };
    }
    try {
      const value = await this.send<T>('GET', path);
      if (cache && generation === this.cacheGeneration) await cache.put(path, withoutCsrfToken(value));
      return { value, storedAt: null };
    } catch (error) {
      if (!cache || !unreachable(error)) throw error;
      const kept = await cache.get(path);
      if (!kept) throw error;
      return { value: kept.body as T, storedAt: kept.storedAt };
    }
  }

  /**
   * The session answer this TV kept (offline/read-cache.ts), read synchronously, with when it was
   * kept; undefined where nothing is kept (kiosk, console) or nothing whole is there.
   */
  keptSession<T>(): Aged<T> | undefined {
    const kept = this.cache?.keptSession?.();
    return kept ? { value: kept.body as T, storedAt: kept.storedAt } : undefined;
  }

  /** The current session's CSRF token, for writes sent outside this client (the device outbox). */
  get csrf(): string | null {
    return this.csrfToken;
  }

  /** A request; a GET without a body or headers of its own is a read (see `read`), answered without its age. */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    if (method === 'GET' && body === undefined && Object.keys(extraHeaders).length === 0)
      return (await this.read<T>(path)).value;
    return this.send<T>(method, path, body, extraHeaders);
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE_METHODS.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiRequestError(0, 'network', String(error));
    }
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    // Half a second: the header drops the fraction, so on average the server is that far on.
    if (!Number.isNaN(serverDate)) this.clockOffsetMs = serverDate + 500 - Date.now();
    const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      // The session is gone (expired, revoked, unpaired): so is whatever was kept for it.
      if (response.status === 401) await this.forgetCachedReads();
      const error = (payload as ErrorBody | null)?.error;
      throw new ApiRequestError(
        response.status,
        error?.code ?? 'internal',
        error?.message ?? response.statusText,
      );
    }
    const token = (payload as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return payload as T;
  }
}

/** The CSRF token belongs to the session's answer of the moment, never to a kept copy. */
function withoutCsrfToken(value: unknown): unknown {
  if (!value || typeof value !== 'object' || !('csrfToken' in value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete copy['csrfToken'];
  return copy;
}
