import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiErrorCode } from '../../shared/api-errors.js';
import type { ErrorBody } from '../../shared/api-schemas.js';
import type { Logger } from '../logger.js';

/** An error the API answers with on purpose: a status, a code the client can localise, a message. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: ApiErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** zod issues as one short line: which field, what is wrong. Never echoes the input. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

const codeForStatus: Partial<Record<number, ApiErrorCode>> = {
  400: 'malformed_json',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_attempts',
};

/** The one place that turns anything thrown into `{error:{code,message}}`: no stack, no SQL. */
export function handleError(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
    if (err instanceof HTTPException) {
      const code = codeForStatus[err.status] ?? 'internal';
      const message =
        err.status === 400
          ? 'The request body is not valid JSON.'
          : err.status === 415
            ? 'Send the body as application/json.'
            : err.message || code;
      return c.json(errorBody(code, message), err.status);
    }
    logger.error({ err, path: c.req.path, method: c.req.method }, 'unhandled error');
    return c.json(
      errorBody(
        'internal',
        'Something went wrong on the server. Try again; if it persists, tell the administrator.',
      ),
      500,
    );
  };
}
