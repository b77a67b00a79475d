import { ErrorBody } from '../../shared/api-schemas.js';

/** OpenAPI response entries for the error answers a route can give. */
export function errorResponses<const S extends readonly (400 | 401 | 403 | 404 | 409 | 413 | 429 | 503)[]>(
  ...statuses: S
) {
  const descriptions = {
    400: 'The request is malformed or fails validation',
    401: 'No signed-in user',
    403: 'The signed-in user may not do this',
    404: 'No such resource, or not visible to this user',
    409: 'The resource is not in a state that allows this (already answered, ended, taken)',
    413: 'The request body is too large',
    429: 'Too many failed attempts: wait as Retry-After says',
    503: 'A dependency is unavailable',
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status], content: { 'application/json': { schema: ErrorBody } } },
    ]),
  ) as {
    [K in S[number]]: { description: string; content: { 'application/json': { schema: typeof ErrorBody } } };
  };
}

export function json<T>(schema: T) {
  return { content: { 'application/json': { schema } } } as const;
}
