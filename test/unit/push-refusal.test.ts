// The push stream refused for too many streams (429 too_many_streams, issue 12 §2): EventSource
// cannot read the status, so the push channel asks once, says it in words with what to do, and
// tries again later each time instead of signing in again in a loop.
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ApiRequestError } from '../../src/app/api/api-client.js';
import { errorMessage } from '../../src/app/api/error-messages.js';
import { openApp, textOf, tvApi } from './support/app.js';
import { openPushStreams, recorder } from './support/msw.js';

describe('a push stream refused for too many streams', () => {
  it('says so with what to do, backs off without signing in again, and clears once a stream opens', async function () {
    this.timeout(30_000);
    const seen = recorder();
    const attempts: number[] = [];
    let refuse = true;
    await tvApi(
      http.get('/api/events', () => {
        attempts.push(performance.now());
        if (!refuse) return undefined; // the usual stream (support/msw.ts)
        return HttpResponse.json(
          { error: { code: 'too_many_streams', message: 'Too many open event streams.' } },
          { status: 429 },
        );
      }),
      http.get('/api/auth/session', () => {
        seen.note('session');
        return undefined;
      }),
    );
    const app = await openApp('/tv');
    const notice = () => textOf(app.shadowRoot!.querySelector('p.offline[role="alert"]'));
    const words = errorMessage(new ApiRequestError(429, 'too_many_streams', ''));
    await waitUntil(() => notice().includes(words), 'the refusal is said in words', { timeout: 5000 });
    // What to do is part of the words: close the app on another screen.
    expect(words).to.match(/关掉其他页面或设备上的本应用|close the app/i);

    // The stream's own try and one request asking why; the next try waits 2 s, the one after 4 s.
    await waitUntil(() => attempts.length >= 4, 'tried again', { timeout: 8000 });
    expect(attempts[2]! - attempts[1]!, 'first wait').to.be.greaterThan(1900);
    // Another screen closes: the next try (4 s later) opens the stream.
    refuse = false;
    await waitUntil(() => openPushStreams() > 0, 'the stream opens once another screen closed', {
      timeout: 12_000,
    });
    expect(attempts[4]! - attempts[3]!, 'the wait doubles').to.be.greaterThan(3900);
    await waitUntil(() => !notice(), 'the notice is gone');
    // Signing in again cannot help: the session was read once, at the start.
    expect(seen.count('session')).to.equal(1);
  });
});
