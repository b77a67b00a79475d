import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ApiClient, ApiRequestError } from '../../src/app/api/api-client.js';
import { mockApi } from './support/msw.js';
import * as consultationsApi from '../../src/app/consultations/api.js';
import * as identityApi from '../../src/app/identity/api.js';

const session = {
  actor: {
    kind: 'tv',
    role: 'resident',
    id: 'res-a',
    displayName: '王秀英',
    organisationName: '柳树村卫生室',
    deviceId: 'dev-1',
    staff: null,
  },
  csrfToken: 'csrf-123',
};

describe('ApiClient', () => {
  it('sends the CSRF token from the last session answer on state-changing requests only', async () => {
    const seen: Record<string, string | null> = {};
    await mockApi(
      http.get('/api/auth/session', ({ request }) => {
        seen['get'] = request.headers.get('x-csrf-token');
        return HttpResponse.json(session);
      }),
      http.post('/api/calls/token', async ({ request }) => {
        seen['post'] = request.headers.get('x-csrf-token');
        seen['body'] = JSON.stringify(await request.json());
        return HttpResponse.json({
          token: 'jwt',
          url: 'ws://127.0.0.1:7880',
          room: 'consultation-c1',
          identity: 'res-a',
          expiresAt: new Date().toISOString(),
        });
      }),
    );
    const api = new ApiClient();
    await identityApi.session(api);
    const token = await consultationsApi.callToken(api, 'c1');
    expect(seen['get']).to.equal(null);
    expect(seen['post']).to.equal('csrf-123');
    expect(seen['body']).to.equal('{"consultationId":"c1"}');
    expect(token.room).to.equal('consultation-c1');
  });

  it('turns {error:{code,message}} into an ApiRequestError with that code', async () => {
    await mockApi(
      http.get('/api/auth/session', () =>
        HttpResponse.json({ error: { code: 'unauthenticated', message: 'Sign in first.' } }, { status: 401 }),
      ),
    );
    const error = await identityApi.session(new ApiClient()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiRequestError);
    expect((error as ApiRequestError).status).to.equal(401);
    expect((error as ApiRequestError).code).to.equal('unauthenticated');
  });

  it('reports an unreachable API as a network error', async () => {
    await mockApi(http.get('/api/auth/session', () => HttpResponse.error()));
    const error = (await identityApi.session(new ApiClient()).catch((e: unknown) => e)) as ApiRequestError;
    expect(error.code).to.equal('network');
  });

  it('maps a non-JSON failure to internal', async () => {
    await mockApi(http.get('/api/auth/session', () => new HttpResponse('bad gateway', { status: 502 })));
    const error = (await identityApi.session(new ApiClient()).catch((e: unknown) => e)) as ApiRequestError;
    expect(error.status).to.equal(502);
    expect(error.code).to.equal('internal');
  });
});
