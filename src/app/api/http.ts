import type { ApiErrorCode } from '../../shared/api-errors.js';
import type { ErrorBody } from '../../shared/api-schemas.js';

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

/**
 * The client's one way to reach the API: JSON in and out, errors as ApiRequestError with the API's
 * code (error-messages.ts turns it into words). The session travels in an HttpOnly cookie the page
 * cannot read; the CSRF token from the last session answer goes with every state-changing request.
 */
export class HttpCore {
  private csrfToken: string | null = null;

  constructor(private readonly baseUrl = '') {}

  /** The current session's CSRF token (the outbox sends with it), or null before any session answer. */
  get currentCsrfToken(): string | null {
    return this.csrfToken;
  }

  /** Signed out: the token belonged to the session that ended. */
  protected forgetCsrfToken(): void {
    this.csrfToken = null;
  }

  protected async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
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
    const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
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
