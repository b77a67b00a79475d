import { expect } from '@open-wc/testing';
import {
  idle,
  preparedCall,
  ringReducer,
  shownRing,
  type Ring,
  type RingEvent,
  type RingState,
} from '../../src/app/call/ring-machine.js';

function ring(consultationId: string, autoAnswerSeconds: number | null = null): Ring {
  return {
    type: 'ring',
    consultationId,
    caller: {
      id: 'dr-a',
      displayName: '张伟',
      role: 'doctor',
      organisationName: '柳树村卫生室',
      department: null,
    },
    reason: '',
    autoAnswerSeconds,
  };
}

/** The state after these events, from idle. */
function run(...events: RingEvent[]): RingState {
  return events.reduce(ringReducer, idle);
}

const c1 = ring('c-1');
const rings = (r: Ring = c1): RingEvent => ({ type: 'ring', ring: r, where: 'elsewhere' });

describe('ring machine (pure)', () => {
  it('idle → ringing → standingBy → answering → inCall, the call screen drawn under it until then', () => {
    expect(run(rings()).phase).to.equal('ringing');
    expect(preparedCall(run(rings()))).to.equal('c-1');
    const standing = run(rings(), { type: 'standby-joined', ring: c1 });
    expect(standing.phase).to.equal('standingBy');
    const answering = ringReducer(standing, { type: 'answer' });
    expect(answering).to.deep.include({ phase: 'answering', standingBy: true, started: false });
    expect(preparedCall(answering)).to.equal('c-1');
    const started = ringReducer(answering, { type: 'answered', ring: c1 });
    expect(started).to.deep.include({ phase: 'answering', started: true });
    expect(shownRing(started)).to.equal(c1);
    const inCall = ringReducer(started, { type: 'call-shown', ring: c1 });
    expect(inCall.phase).to.equal('inCall');
    expect(shownRing(inCall)).to.equal(null);
    expect(preparedCall(inCall)).to.equal(null);
  });

  it('over another call nothing is drawn under the ringing; in its own call a ring is nothing new', () => {
    const over = run({ type: 'ring', ring: c1, where: 'another-call' });
    expect(over.phase).to.equal('ringing');
    expect(preparedCall(over)).to.equal(null);
    expect(run({ type: 'ring', ring: c1, where: 'its-call' })).to.equal(idle);
  });

  it('the same call ringing again changes nothing; another call takes its place with a fresh countdown', () => {
    const first = run(rings(ring('c-1', 10)), { type: 'tick' });
    expect(ringReducer(first, rings(ring('c-1', 10)))).to.equal(first);
    const second = ringReducer(first, rings(ring('c-2', 10)));
    expect(second).to.deep.include({ phase: 'ringing', countdown: 10 });
    expect(shownRing(second)?.consultationId).to.equal('c-2');
  });

  it('the countdown answers by itself when it reaches zero; without one, ticks change nothing', () => {
    let state = run(rings(ring('c-1', 3)));
    state = ringReducer(state, { type: 'tick' });
    expect(state).to.deep.include({ phase: 'ringing', countdown: 2 });
    state = ringReducer(state, { type: 'tick' });
    state = ringReducer(state, { type: 'tick' });
    expect(state).to.deep.include({ phase: 'answering', standingBy: false });
    const still = run(rings());
    expect(ringReducer(still, { type: 'tick' })).to.equal(still);
  });

  it('Back or 拒接 declines from ringing, standing by or answering; with nothing ringing it does nothing', () => {
    expect(run(rings(), { type: 'decline' }).phase).to.equal('declined');
    expect(run(rings(), { type: 'standby-joined', ring: c1 }, { type: 'decline' }).phase).to.equal(
      'declined',
    );
    const backInTheMoment = run(
      rings(),
      { type: 'answer' },
      { type: 'answered', ring: c1 },
      { type: 'decline' },
    );
    expect(backInTheMoment.phase).to.equal('declined');
    // The call screen's moment then finds the ring gone: it does not become the call.
    expect(ringReducer(backInTheMoment, { type: 'call-shown', ring: c1 })).to.equal(backInTheMoment);
    expect(run({ type: 'decline' })).to.equal(idle);
  });

  it('the doctor stopping the ring is a missed call, unless the answer is already on its way', () => {
    const missed = run(rings(), { type: 'ring-cancelled', consultationId: 'c-1', answeredElsewhere: false });
    expect(missed).to.deep.include({ phase: 'missed', answeredElsewhere: false });
    const elsewhere = run(rings(), {
      type: 'ring-cancelled',
      consultationId: 'c-1',
      answeredElsewhere: true,
    });
    expect(elsewhere).to.deep.include({ phase: 'missed', answeredElsewhere: true });
    const answering = run(rings(), { type: 'answer' });
    expect(
      ringReducer(answering, { type: 'ring-cancelled', consultationId: 'c-1', answeredElsewhere: false }),
    ).to.equal(answering);
    const other = run(rings());
    expect(
      ringReducer(other, { type: 'ring-cancelled', consultationId: 'c-9', answeredElsewhere: false }),
    ).to.equal(other);
  });

  it('an answer refused as over is cancelled; a network failure rings on, silent, with the reason', () => {
    const answering = run(rings(ring('c-1', 5)), { type: 'standby-joined', ring: c1 }, { type: 'answer' });
    // The standby-joined above was for another ring object: the machine matches rings by identity.
    expect(answering).to.deep.include({ phase: 'answering', standingBy: false });
    const gone = ringReducer(answering, {
      type: 'answer-failed',
      ring: shownRing(answering)!,
      gone: true,
      error: '',
    });
    expect(gone).to.deep.include({ phase: 'cancelled', why: 'hung-up' });
    const retry = ringReducer(answering, {
      type: 'answer-failed',
      ring: shownRing(answering)!,
      gone: false,
      error: '网络不通',
    });
    expect(retry).to.deep.include({ phase: 'ringing', countdown: null, error: '网络不通' });
    expect(ringReducer(retry, { type: 'answer' }).phase).to.equal('answering');
  });

  it('an answer to an earlier ring changes nothing once another rings', () => {
    const c2 = ring('c-2');
    const state = run(rings(), { type: 'answer' }, rings(c2));
    expect(ringReducer(state, { type: 'answered', ring: c1 })).to.equal(state);
    expect(ringReducer(state, { type: 'answer-failed', ring: c1, gone: true, error: '' })).to.equal(state);
  });

  it('the consultation ending or signing out ends the ring; signed out with nothing ringing is idle', () => {
    expect(run(rings(), { type: 'answer' }, { type: 'ended', consultationId: 'c-1' })).to.deep.include({
      phase: 'cancelled',
      why: 'ended',
    });
    expect(run(rings(), { type: 'signed-out' })).to.deep.include({ phase: 'cancelled', why: 'signed-out' });
    expect(run(rings(), { type: 'decline' }, { type: 'signed-out' })).to.equal(idle);
    // A new ring after any end starts a new life.
    expect(run(rings(), { type: 'decline' }, rings()).phase).to.equal('ringing');
  });
});
