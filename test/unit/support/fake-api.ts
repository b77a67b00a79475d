import type { ApiClient } from '../../../src/app/api/api-client.js';

/** What a stand-in API answers: by method and path, as the features' api.ts functions send them. */
export type FakeAnswer = (method: string, path: string, body: unknown) => Promise<unknown>;

/**
 * A stand-in for the one API client (no network, no msw): the features' API functions call its
 * `request` and `read`, which `answer` serves. An unexpected request fails loudly.
 */
export function fakeApi(answer: FakeAnswer): ApiClient {
  return {
    request: (method: string, path: string, body?: unknown) => answer(method, path, body),
    read: async (path: string) => ({ value: await answer('GET', path, undefined), storedAt: null }),
  } as unknown as ApiClient;
}

/** The consultation id in a path such as /api/consultations/{id}/standby, when it is that step. */
export function consultationStep(path: string, step: string): string | null {
  const match = new RegExp(`^/api/consultations/([^/]+)/${step}$`).exec(path);
  return match ? decodeURIComponent(match[1]!) : null;
}
