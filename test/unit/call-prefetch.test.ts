import { expect } from '@open-wc/testing';
import type { ApiClient } from '../../src/app/api/api-client.js';
import {
  prefetchCallToken,
  startCall,
  startedCallLimits,
  takeCallToken,
  takeStartedCall,
} from '../../src/app/call/call-prefetch.js';
import type { CallToken } from '../../src/shared/api-schemas.js';
import { useFakeCalls } from './support/fake-call.js';

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

  describe('a call started on answering', () => {
    const sessions = useFakeCalls();
    const realLimits = { ...startedCallLimits };
    afterEach(() => {
      Object.assign(startedCallLimits, realLimits);
    });

    it('joins at once with the token in hand, and is taken over once', async () => {
      startCall('c-3', token('consultation-c-3'));
      const started = takeStartedCall('c-3');
      expect(takeStartedCall('c-3')).to.equal(undefined);
      const { session, joined } = await started!;
      await joined;
      expect(session).to.equal(sessions[0]);
      expect(sessions[0]!.joins.map((t) => t.room)).to.deep.equal(['consultation-c-3']);
      expect(session.state.phase).to.equal('connected');
    });

    it('nobody takes it over: it hangs up by itself', async () => {
      startedCallLimits.unclaimedMs = 50;
      startCall('c-4', token('consultation-c-4'));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(sessions[0]!.leaves).to.equal(1);
      expect(takeStartedCall('c-4')).to.equal(undefined);
    });

    it('taken over in time: the timer leaves it alone', async () => {
      startedCallLimits.unclaimedMs = 50;
      startCall('c-5', token('consultation-c-5'));
      await takeStartedCall('c-5');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(sessions[0]!.leaves).to.equal(0);
    });
  });
});
