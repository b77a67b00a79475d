import { expect, waitUntil } from '@open-wc/testing';
import { consultationStep, fakeApi } from './support/fake-api.js';
import { CallPrefetch } from '../../src/app/call/call-prefetch.js';
import type { CallToken } from '../../src/shared/consultations/schemas.js';
import { FakeCall, useFakeCalls } from './support/fake-call.js';

const token = (room: string): CallToken => ({
  token: 'jwt',
  url: 'ws://127.0.0.1:7880',
  room,
  identity: 'res-a',
  expiresAt: new Date(Date.now() + 300_000).toISOString(),
});

/** A standby token that arrives when the test says so (or fails). */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An API that answers POST …/standby with `standby(id)`, and records who asked. */
function standbyApi(
  standby: (id: string) => Promise<CallToken> = (id) => Promise.resolve(token(`standby-${id}`)),
) {
  const asked: string[] = [];
  const api = fakeApi((_method, path) => {
    const id = consultationStep(path, 'standby');
    if (id === null) return Promise.reject(new Error('the call screen must not ask for a token'));
    asked.push(id);
    return standby(id);
  });
  return { api, asked };
}

const PENDING = Symbol('pending');
/** What a promise has settled with after the tasks queued so far, or PENDING. */
async function settled<T>(promise: Promise<T>): Promise<T | typeof PENDING> {
  return Promise.race([
    promise,
    new Promise<typeof PENDING>((resolve) => setTimeout(() => resolve(PENDING))),
  ]);
}

/** By identity, as a boolean: a failing chai comparison of a FakeCall (or a DOM element) stalls the runner. */
function expectSame(actual: unknown, expected: unknown, what: string): void {
  expect(actual === expected, what).to.equal(true);
}

describe('call prefetch', () => {
  // The app owns one (app-root.ts); each test makes its own, so nothing carries over.
  let calls: CallPrefetch;
  beforeEach(() => {
    calls = new CallPrefetch();
  });

  it('the token asked for on answering is taken once by the call screen, not asked for again', async () => {
    const asked: string[] = [];
    const api = fakeApi((_method, path, body) => {
      if (path !== '/api/calls/token') return Promise.reject(new Error(`unexpected ${path}`));
      const id = (body as { consultationId: string }).consultationId;
      asked.push(id);
      return Promise.resolve(token(`consultation-${id}`));
    });
    calls.prefetchCallToken(api, 'c-1');
    const taken = calls.takeCallToken('c-1');
    expect((await taken!).room).to.equal('consultation-c-1');
    expect(calls.takeCallToken('c-1')).to.equal(undefined);
    expect(asked).to.deep.equal(['c-1']);
  });

  it('a token that failed is not kept: the call screen asks again and reports', async () => {
    const api = fakeApi(() => Promise.reject(new Error('offline')));
    calls.prefetchCallToken(api, 'c-2');
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls.takeCallToken('c-2')).to.equal(undefined);
  });

  it('makes its sessions with the factory it was given (no patched static)', async () => {
    const made: FakeCall[] = [];
    const own = new CallPrefetch({
      createSession: () => {
        const session = new FakeCall();
        made.push(session);
        return session;
      },
    });
    own.startCall('c-own', token('consultation-c-own'));
    const started = (await own.takeStartedCall('c-own'))!;
    await started.joined;
    expectSame(started.session, made[0], 'the injected factory made the session');
    expect(made[0]!.joins.map((t) => t.room)).to.deep.equal(['consultation-c-own']);
    expect(calls.takeStartedCall('c-own'), 'another instance knows nothing of it').to.equal(undefined);
  });

  describe('a call started on answering', () => {
    const sessions = useFakeCalls();

    it('joins at once with the token in hand, and is taken over once', async () => {
      calls.startCall('c-3', token('consultation-c-3'));
      const started = calls.takeStartedCall('c-3');
      expect(calls.takeStartedCall('c-3')).to.equal(undefined);
      const { session, joined } = (await started!)!;
      await joined;
      expectSame(session, sessions[0], 'the started call is the session that joined');
      expect(sessions[0]!.joins.map((t) => t.room)).to.deep.equal(['consultation-c-3']);
      expect(session.state.phase).to.equal('connected');
    });

    it('nobody takes it over: it hangs up by itself', async () => {
      calls.unclaimedMs = 50;
      calls.startCall('c-4', token('consultation-c-4'));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(sessions[0]!.leaves).to.equal(1);
      expect(calls.takeStartedCall('c-4')).to.equal(undefined);
    });

    it('taken over in time: the timer leaves it alone', async () => {
      calls.unclaimedMs = 50;
      calls.startCall('c-5', token('consultation-c-5'));
      await calls.takeStartedCall('c-5');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(sessions[0]!.leaves).to.equal(0);
    });
  });
  describe('a call prepared while the TV rings (standing by)', () => {
    const sessions = useFakeCalls();
    const standbySession = (): FakeCall | undefined => sessions.find((s) => s.standbyJoins.length > 0);

    it('asks for the standby token once, joins with it in standby mode, and a screen waits for the answer', async () => {
      const { api, asked } = standbyApi();
      calls.prepareCall(api, 'c-sb-1');
      // Asked again while it rings (the same ring pushed twice): still one standby.
      calls.prepareCall(api, 'c-sb-1');
      const started = calls.takeStartedCall('c-sb-1');
      expect(started, 'a promise at once').to.be.instanceOf(Promise);
      expect(calls.takeStartedCall('c-sb-1')).to.equal(undefined);
      await waitUntil(() => calls.standingBy('c-sb-1'), 'standing by');
      expect(asked).to.deep.equal(['c-sb-1']);
      expect(sessions.length, 'sessions made').to.equal(1);
      const standby = sessions[0]!;
      expect(standby.joins.map((t) => t.token)).to.deep.equal(['jwt']);
      expect(standby.joins.map((t) => t.room)).to.deep.equal(['standby-c-sb-1']);
      expect(standby.standbyJoins).to.deep.equal([0]);
      expect(standby.admits).to.equal(0);
      expect((await settled(started!)) === PENDING, 'waits for the answer').to.equal(true);
      expect(calls.standingBy('c-sb-other')).to.equal(false);
      calls.abandonCall('c-sb-1');
      expect((await started) === null, 'given up: null').to.equal(true);
    });

    it('answered with the standby admitted: the standby itself becomes the call, admitted, no second join', async () => {
      const { api } = standbyApi();
      calls.prepareCall(api, 'c-sb-2');
      const started = calls.takeStartedCall('c-sb-2')!;
      await waitUntil(() => calls.standingBy('c-sb-2'), 'standing by');
      calls.startCall('c-sb-2', token('consultation-c-sb-2'), true);
      const call = (await started)!;
      await call.joined;
      const standby = standbySession()!;
      expectSame(call.session, standby, 'the standby is the call');
      expect(standby.admits).to.equal(1);
      expect(standby.leaves).to.equal(0);
      expect(sessions.length, 'sessions made').to.equal(1);
      expect(standby.joins.length).to.equal(1);
      expect(call.session.state.phase).to.equal('connected');
      // The standby is the call now: no longer standing by, and giving up later touches nothing.
      expect(calls.standingBy('c-sb-2')).to.equal(false);
      calls.abandonCall('c-sb-2');
      expect(standby.leaves).to.equal(0);
    });

    it("answered without admitting the standby: it leaves and the call joins anew with the answer's token", async () => {
      const { api } = standbyApi();
      calls.prepareCall(api, 'c-sb-3');
      const started = calls.takeStartedCall('c-sb-3')!;
      await waitUntil(() => calls.standingBy('c-sb-3'), 'standing by');
      calls.startCall('c-sb-3', token('consultation-c-sb-3'), false);
      const call = (await started)!;
      await call.joined;
      const standby = standbySession()!;
      expect(standby.leaves).to.equal(1);
      expect(standby.admits).to.equal(0);
      expect(call.session !== standby, 'not the standby').to.equal(true);
      expect(sessions.length, 'sessions made').to.equal(2);
      const fresh = call.session as FakeCall;
      expectSame(fresh, sessions[1], 'the new session is the call');
      expect(fresh.joins.map((t) => t.room)).to.deep.equal(['consultation-c-sb-3']);
      expect(fresh.standbyJoins).to.deep.equal([]);
      expect(fresh.state.phase).to.equal('connected');
    });

    it('admitted, but the standby dropped meanwhile: it is not admitted; the call joins anew', async () => {
      const { api } = standbyApi();
      calls.prepareCall(api, 'c-sb-4');
      const started = calls.takeStartedCall('c-sb-4')!;
      await waitUntil(() => calls.standingBy('c-sb-4'), 'standing by');
      const standby = standbySession()!;
      standby.act({ type: 'ended', reason: 'network' });
      expect(calls.standingBy('c-sb-4'), 'an ended standby is not standing by').to.equal(false);
      calls.startCall('c-sb-4', token('consultation-c-sb-4'), true);
      const call = (await started)!;
      await call.joined;
      expect(standby.admits).to.equal(0);
      expect(standby.leaves).to.equal(1);
      expectSame(call.session, sessions[1], 'the new session is the call');
      expect((call.session as FakeCall).joins.map((t) => t.room)).to.deep.equal(['consultation-c-sb-4']);
      expect((call.session as FakeCall).standbyJoins).to.deep.equal([]);
    });

    it('given up (declined, missed, cancelled): the standby leaves and the waiting screen gets null', async () => {
      const { api } = standbyApi();
      calls.prepareCall(api, 'c-sb-5');
      const started = calls.takeStartedCall('c-sb-5')!;
      await waitUntil(() => calls.standingBy('c-sb-5'), 'standing by');
      calls.abandonCall('c-sb-5');
      expect((await started) === null, 'given up: null').to.equal(true);
      const standby = standbySession()!;
      expect(standby.leaves).to.equal(1);
      expect(standby.admits).to.equal(0);
      expect(calls.standingBy('c-sb-5')).to.equal(false);
      expect(calls.takeStartedCall('c-sb-5')).to.equal(undefined);
      expect(sessions.length, 'sessions made').to.equal(1);
    });

    it('a standby token that arrives after the call was given up makes no session', async () => {
      const pending = deferred<CallToken>();
      const { api } = standbyApi(() => pending.promise);
      calls.prepareCall(api, 'c-sb-6');
      const started = calls.takeStartedCall('c-sb-6')!;
      expect(calls.standingBy('c-sb-6'), 'no standby before its token').to.equal(false);
      calls.abandonCall('c-sb-6');
      expect((await started) === null, 'given up: null').to.equal(true);
      pending.resolve(token('standby-c-sb-6'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sessions.length, 'sessions made').to.equal(0);
      expect(calls.standingBy('c-sb-6')).to.equal(false);
    });

    it("a standby token that arrives after the answer makes no session: the call joins with the answer's token", async () => {
      const pending = deferred<CallToken>();
      const { api } = standbyApi(() => pending.promise);
      calls.prepareCall(api, 'c-sb-7');
      const started = calls.takeStartedCall('c-sb-7')!;
      calls.startCall('c-sb-7', token('consultation-c-sb-7'), false);
      const call = (await started)!;
      pending.resolve(token('standby-c-sb-7'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sessions.length, 'sessions made').to.equal(1);
      expectSame(call.session, sessions[0], 'the new session is the call');
      expect(sessions[0]!.joins.map((t) => t.room)).to.deep.equal(['consultation-c-sb-7']);
      expect(sessions[0]!.standbyJoins).to.deep.equal([]);
      expect(calls.standingBy('c-sb-7')).to.equal(false);
    });

    it('a standby token request that fails: not standing by, and answering still connects', async () => {
      const { api, asked } = standbyApi(() => Promise.reject(new Error('offline')));
      calls.prepareCall(api, 'c-sb-8');
      const started = calls.takeStartedCall('c-sb-8')!;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(asked).to.deep.equal(['c-sb-8']);
      expect(calls.standingBy('c-sb-8')).to.equal(false);
      expect(sessions.length, 'sessions made').to.equal(0);
      expect((await settled(started)) === PENDING, 'still waits for the answer').to.equal(true);
      calls.startCall('c-sb-8', token('consultation-c-sb-8'), false);
      const call = (await started)!;
      await call.joined;
      expect(sessions.length, 'sessions made').to.equal(1);
      expectSame(call.session, sessions[0], 'the new session is the call');
      expect(sessions[0]!.joins.map((t) => t.room)).to.deep.equal(['consultation-c-sb-8']);
      expect(sessions[0]!.standbyJoins).to.deep.equal([]);
      expect(sessions[0]!.state.phase).to.equal('connected');
    });
  });
});
