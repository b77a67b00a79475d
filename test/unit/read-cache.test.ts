import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ApiClient, ApiRequestError } from '../../src/app/api/api-client.js';
import { ReadCache, isCacheableRead, relativeAge } from '../../src/app/offline/read-cache.js';
import { mockApi } from './support/msw.js';
import * as directoryApi from '../../src/app/directory/api.js';
import * as identityApi from '../../src/app/identity/api.js';

const actor = {
  kind: 'tv',
  role: 'resident',
  id: 'res-a',
  displayName: '王秀英',
  organisationName: '柳树村卫生室',
  deviceId: 'dev-1',
  staff: null,
};
const record = { id: 'res-a', displayName: '王秀英' };

let n = 0;
/** A fresh database per test: IndexedDB outlives a test inside the one browser. */
function freshCache(now: () => number = Date.now): ReadCache {
  n += 1;
  return new ReadCache(`dah-read-cache-test-${Date.now()}-${n}`, now);
}

describe('The TV read cache (network first, kept answer as the fallback)', () => {
  it('answers from the network while it can, then from the kept copy with its age', async () => {
    let clock = 1_000_000;
    const cache = freshCache(() => clock);
    let reachable = true;
    let served = 0;
    await mockApi(
      http.get('/api/patients/res-a', () => {
        if (!reachable) return HttpResponse.error();
        served += 1;
        return HttpResponse.json({ ...record, served });
      }),
    );
    const api = new ApiClient('', cache);
    const fresh = await directoryApi.patientRecord(api, 'res-a');
    expect(fresh.storedAt).to.equal(null);
    expect((fresh.value as unknown as { served: number }).served).to.equal(1);

    clock += 2 * 3600_000;
    reachable = false;
    const kept = await directoryApi.patientRecord(api, 'res-a');
    expect(kept.storedAt).to.equal(1_000_000);
    expect((kept.value as unknown as { served: number }).served).to.equal(1);
    expect(relativeAge(kept.storedAt ?? 0, clock, 'en')).to.equal('2 hours ago');

    // Back online: network first again, and the newer answer replaces the kept one.
    reachable = true;
    expect((await directoryApi.patientRecord(api, 'res-a')).storedAt).to.equal(null);
    reachable = false;
    expect(
      ((await directoryApi.patientRecord(api, 'res-a')).value as unknown as { served: number }).served,
    ).to.equal(2);
  });

  it('starts signed in with no network from the kept session, without its CSRF token', async () => {
    const cache = freshCache();
    let reachable = true;
    await mockApi(
      http.get('/api/auth/session', () =>
        reachable ? HttpResponse.json({ actor, csrfToken: 'csrf-1' }) : HttpResponse.error(),
      ),
    );
    await identityApi.session(new ApiClient('', cache));
    reachable = false;
    const offline = await identityApi.session(new ApiClient('', cache));
    expect(offline.actor?.id).to.equal('res-a');
    expect((offline as { csrfToken?: string }).csrfToken).to.equal(undefined);
  });

  it('throws the network error when nothing was kept, and never hides the API’s own refusals', async () => {
    const cache = freshCache();
    let status = 200;
    await mockApi(
      http.get('/api/patients/res-a', () =>
        status === 0
          ? HttpResponse.error()
          : status === 200
            ? HttpResponse.json(record)
            : HttpResponse.json({ error: { code: 'forbidden', message: 'no' } }, { status }),
      ),
    );
    const api = new ApiClient('', cache);
    status = 0;
    const error = (await directoryApi
      .patientRecord(api, 'res-a')
      .catch((e: unknown) => e)) as ApiRequestError;
    expect(error.code).to.equal('network');
    status = 200;
    await directoryApi.patientRecord(api, 'res-a');
    status = 403;
    const refused = (await directoryApi
      .patientRecord(api, 'res-a')
      .catch((e: unknown) => e)) as ApiRequestError;
    expect(refused.status).to.equal(403);
  });

  it('forgets every kept read on sign-out and on a 401, so no other session sees them', async () => {
    const cache = freshCache();
    let mode: 'ok' | 'down' | 'gone' = 'ok';
    await mockApi(
      http.get('/api/patients/res-a', () =>
        mode === 'ok'
          ? HttpResponse.json(record)
          : mode === 'down'
            ? HttpResponse.error()
            : HttpResponse.json({ error: { code: 'unauthenticated', message: 'no' } }, { status: 401 }),
      ),
      http.post('/api/auth/logout', () => new HttpResponse(null, { status: 204 })),
    );
    const api = new ApiClient('', cache);
    await directoryApi.patientRecord(api, 'res-a');
    expect(await cache.get('/api/patients/res-a')).to.not.equal(undefined);
    mode = 'gone';
    await directoryApi.patientRecord(api, 'res-a').catch(() => undefined);
    expect(await cache.get('/api/patients/res-a')).to.equal(undefined);

    mode = 'ok';
    await directoryApi.patientRecord(api, 'res-a');
    await identityApi.logout(api);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await cache.get('/api/patients/res-a')).to.equal(undefined);
    mode = 'down';
    const error = (await directoryApi
      .patientRecord(api, 'res-a')
      .catch((e: unknown) => e)) as ApiRequestError;
    expect(error.code).to.equal('network');
  });

  it('keeps nothing without a cache (kiosk, console) and only the resident’s own reads on the TV', async () => {
    expect(isCacheableRead('/api/auth/session')).to.equal(true);
    expect(isCacheableRead('/api/patients/res-a')).to.equal(true);
    expect(isCacheableRead('/api/consultations/mine')).to.equal(true);
    expect(isCacheableRead('/api/patients')).to.equal(false);
    expect(isCacheableRead('/api/queue')).to.equal(false);
    expect(isCacheableRead('/api/directory/residents')).to.equal(false);
    expect(isCacheableRead('/healthz')).to.equal(false);
    let reachable = true;
    await mockApi(
      http.get('/api/patients/res-a', () => (reachable ? HttpResponse.json(record) : HttpResponse.error())),
    );
    const api = new ApiClient();
    await directoryApi.patientRecord(api, 'res-a');
    reachable = false;
    const error = (await directoryApi
      .patientRecord(api, 'res-a')
      .catch((e: unknown) => e)) as ApiRequestError;
    expect(error.code).to.equal('network');
  });

  it('kept copies cleared or deleted while the app runs are kept again from the next network answer', async () => {
    const name = `dah-read-cache-refill-${Date.now()}`;
    let reachable = true;
    await mockApi(
      http.get('/api/patients/res-a', () => (reachable ? HttpResponse.json(record) : HttpResponse.error())),
    );
    const api = new ApiClient('', new ReadCache(name));
    await directoryApi.patientRecord(api, 'res-a');
    const { openDB, deleteDB } = await import('idb');
    const offlineRead = async () => {
      reachable = false;
      try {
        return await directoryApi.patientRecord(api, 'res-a');
      } finally {
        reachable = true;
      }
    };

    // A storage cleaner empties the store from another connection: nothing kept, until the next
    // answer from the network puts it back.
    const other = await openDB(name, 1);
    await other.clear('answers');
    other.close();
    let failed: unknown = null;
    await offlineRead().catch((error: unknown) => (failed = error));
    expect(failed).to.be.instanceOf(ApiRequestError);
    await directoryApi.patientRecord(api, 'res-a');
    expect((await offlineRead()).storedAt).to.be.a('number');

    // The whole database deleted (the app's open connection lets go): made again, and refilled.
    await deleteDB(name);
    await directoryApi.patientRecord(api, 'res-a');
    expect((await offlineRead()).value.displayName).to.equal('王秀英');
  });

  it('a damaged kept entry counts as none', async () => {
    const name = `dah-read-cache-damaged-${Date.now()}`;
    const cache = new ReadCache(name);
    await cache.put('/api/patients/res-a', record);
    const { openDB } = await import('idb');
    const db = await openDB(name, 1);
    await db.put('answers', { path: '/api/patients/res-a', garbage: true });
    db.close();
    expect(await new ReadCache(name).get('/api/patients/res-a')).to.equal(undefined);
  });
});
