import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ApiClient, ApiRequestError } from '../../src/app/api/api-client.js';
import { mockApi } from './support/msw.js';

describe('ApiClient', () => {
  it('sends the development identity and parses the answer', async () => {
    let seenUser: string | null = null;
    let seenBody: unknown = null;
    await mockApi(
      http.post('/api/calls/token', async ({ request }) => {
        seenUser = request.headers.get('x-dev-user');
        seenBody = await request.json();
        return HttpResponse.json({
          token: 'jwt',
          url: 'ws://127.0.0.1:7880',
          room: 'consultation-c1',
          identity: 'res-a',
          expiresAt: new Date().toISOString(),
        });
      }),
    );
    const token = await new ApiClient('res-a').callToken('c1');
    expect(seenUser).to.equal('res-a');
    expect(seenBody).to.deep.equal({ consultationId: 'c1' });
    expect(token.room).to.equal('consultation-c1');
  });

  it('turns {error:{code,message}} into an ApiRequestError with that code', async () => {
    await mockApi(
      http.get('/api/me', () =>
        HttpResponse.json({ error: { code: 'unauthenticated', message: 'Sign in first.' } }, { status: 401 }),
      ),
    );
    const error = await new ApiClient(null).me().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiRequestError);
    expect((error as ApiRequestError).status).to.equal(401);
    expect((error as ApiRequestError).code).to.equal('unauthenticated');
  });

  it('reports an unreachable API as a network error', async () => {
    await mockApi(http.get('/api/me', () => HttpResponse.error()));
    const error = (await new ApiClient('x').me().catch((e: unknown) => e)) as ApiRequestError;
    expect(error.code).to.equal('network');
  });

  it('maps a non-JSON failure to internal', async () => {
    await mockApi(http.get('/api/me', () => new HttpResponse('bad gateway', { status: 502 })));
    const error = (await new ApiClient('x').me().catch((e: unknown) => e)) as ApiRequestError;
    expect(error.status).to.equal(502);
    expect(error.code).to.equal('internal');
  });
});
