import type { ApiErrorCode } from '../../shared/api-errors.js';
import type {
  CallToken,
  ConsultationList,
  CurrentUser,
  ErrorBody,
  Health,
} from '../../shared/api-schemas.js';

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

/** The client's one way to reach the API. Type-only imports keep zod out of the bundle. */
export class ApiClient {
  constructor(
    private readonly userId: string | null,
    private readonly baseUrl = '',
  ) {}

  me(): Promise<CurrentUser> {
    return this.request('GET', '/api/me');
  }

  myConsultations(): Promise<ConsultationList> {
    return this.request('GET', '/api/consultations/mine');
  }

  callToken(consultationId: string): Promise<CallToken> {
    return this.request('POST', '/api/calls/token', { consultationId });
  }

  health(): Promise<Health> {
    return this.request('GET', '/healthz');
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.userId) headers['x-dev-user'] = this.userId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiRequestError(0, 'network', String(error));
    }
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (payload as ErrorBody | null)?.error;
      throw new ApiRequestError(
        response.status,
        error?.code ?? 'internal',
        error?.message ?? response.statusText,
      );
    }
    return payload as T;
  }
}
