import { expect } from '@open-wc/testing';
import type { ApiClient } from '../../src/app/api/api-client.js';
import { prefetchCallToken, takeCallToken } from '../../src/app/call/call-prefetch.js';
import type { CallToken } from '../../src/shared/api-schemas.js';

const token = (room: string): CallToken => ({
  token: 'jwt',
  url: 'ws://127.0.0.1:7880',
  room,
  identity: 'res-a',
  expiresAt: new Date(Date.now() + 300_000).toISOString(),
});

describe('call prefetch', () => {
  it('the token asked for on answering is taken once by the call screen, not asked for again', async () => {
    const asked: string[] = [];
    const api = {
      callToken: (id: string) => {
        asked.push(id);
        return Promise.resolve(token(`consultation-${id}`));
      },
    } as unknown as ApiClient;
    prefetchCallToken(api, 'c-1');
    const taken = takeCallToken('c-1');
    expect((await taken!).room).to.equal('consultation-c-1');
    expect(takeCallToken('c-1')).to.equal(undefined);
    expect(asked).to.deep.equal(['c-1']);
  });

  it('a token that failed is not kept: the call screen asks again and reports', async () => {
    const api = { callToken: () => Promise.reject(new Error('offline')) } as unknown as ApiClient;
    prefetchCallToken(api, 'c-2');
    await new Promise((resolve) => setTimeout(resolve));
    expect(takeCallToken('c-2')).to.equal(undefined);
  });
});
