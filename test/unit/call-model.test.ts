import { expect } from '@open-wc/testing';
import {
  ONLINE_GRACE_MS,
  PAUSED_FOR_MS,
  POOR_FOR_MS,
  RECOVERED_FOR_MS,
  canRetry,
  chooseLayout,
  directoryOf,
  initialCallState,
  partyInfo,
  qualityWords,
  reduceCall,
  roleWords,
  wantsVideo,
  type CallAction,
  type CallState,
  type PartyInfo,
} from '../../src/app/call/call-model.js';

const doctor: PartyInfo = { identity: 'dr-zhang-wei', name: '张伟', role: 'doctor', detail: '柳树村卫生室' };
const specialist: PartyInfo = {
  identity: 'sp-liu-yan',
  name: '刘艳',
  role: 'specialist',
  detail: '内分泌科',
};
const resident: PartyInfo = { identity: 'res-wang-xiuying', name: '王秀英', role: 'resident', detail: '' };

/** Runs actions at the given times (ms since the start), returning the final state. */
function run(steps: [number, CallAction][], from: CallState = initialCallState(0)): CallState {
  return steps.reduce((state, [at, action]) => reduceCall(state, action, at), from);
}

/** A connected call with these parties, each sending camera video. */
function connected(...parties: PartyInfo[]): CallState {
  return run([
    [0, { type: 'join' }],
    [100, { type: 'link', link: 'connected' }],
    ...parties.flatMap((info): [number, CallAction][] => [
      [200, { type: 'party', info }],
      [300, { type: 'camera', identity: info.identity, camera: 'on' }],
    ]),
  ]);
}

describe('call model: layout', () => {
  it('TV: nobody yet is waiting, the self-view in a corner', () => {
    const layout = chooseLayout('tv', connected().parties);
    expect(layout).to.deep.equal({ kind: 'waiting', main: [], small: [], self: 'corner' });
  });

  it('TV: one remote party large, self small', () => {
    const layout = chooseLayout('tv', connected(doctor).parties);
    expect(layout.kind).to.equal('single');
    expect(layout.main).to.deep.equal([{ identity: doctor.identity, source: 'camera' }]);
    expect(layout.self).to.equal('corner');
  });

  it('TV: a specialist joining puts doctor and specialist side by side, doctor first; leaving returns to one', () => {
    // The specialist's token arrived first: the doctor still goes on the left.
    const three = connected(specialist, doctor);
    const layout = chooseLayout('tv', three.parties);
    expect(layout.kind).to.equal('side-by-side');
    expect(layout.main.map((t) => t.identity)).to.deep.equal([doctor.identity, specialist.identity]);

    const two = reduceCall(three, { type: 'party-left', identity: specialist.identity }, 1000);
    expect(chooseLayout('tv', two.parties).kind).to.equal('single');
    expect(chooseLayout('kiosk', two.parties).main).to.deep.equal([
      { identity: doctor.identity, source: 'camera' },
    ]);
  });

  it('TV: a clinician’s screen share replaces the main area, the sharer’s camera small first', () => {
    let state = connected(doctor, specialist);
    state = reduceCall(state, { type: 'screen-share', identity: specialist.identity, on: true }, 500);
    const layout = chooseLayout('tv', state.parties);
    expect(layout.kind).to.equal('share');
    expect(layout.main).to.deep.equal([{ identity: specialist.identity, source: 'screen' }]);
    expect(layout.small.map((t) => t.identity)).to.deep.equal([specialist.identity, doctor.identity]);

    state = reduceCall(state, { type: 'screen-share', identity: specialist.identity, on: false }, 600);
    expect(chooseLayout('tv', state.parties).kind).to.equal('side-by-side');
  });

  it('console: remote parties in a grid with the self-view as a tile; a share is large there too', () => {
    let state = connected(resident, specialist);
    let layout = chooseLayout('console', state.parties);
    expect(layout.kind).to.equal('grid');
    expect(layout.self).to.equal('tile');
    expect(layout.main.map((t) => t.identity)).to.deep.equal([specialist.identity, resident.identity]);
    state = reduceCall(state, { type: 'screen-share', identity: specialist.identity, on: true }, 500);
    layout = chooseLayout('console', state.parties);
    expect(layout.kind).to.equal('share');
    expect(layout.self).to.equal('tile');
  });
});

describe('call model: states', () => {
  it('connecting, connected, reconnecting and back, in that order', () => {
    let state = reduceCall(initialCallState(0), { type: 'join' }, 0);
    expect(state.phase).to.equal('connecting');
    state = reduceCall(state, { type: 'link', link: 'connected' }, 100);
    expect(state.phase).to.equal('connected');
    state = reduceCall(state, { type: 'link', link: 'reconnecting' }, 200);
    expect(state.phase).to.equal('reconnecting');
    state = reduceCall(state, { type: 'link', link: 'connected' }, 300);
    expect(state.phase).to.equal('connected');
  });

  it('the browser going offline shows reconnecting; back online it waits for LiveKit or the grace period', () => {
    let state = connected(doctor);
    state = reduceCall(state, { type: 'network', online: false }, 1000);
    expect(state.phase).to.equal('reconnecting');
    state = reduceCall(state, { type: 'network', online: true }, 6000);
    expect(state.phase, 'not yet: LiveKit may be about to resume').to.equal('reconnecting');
    // LiveKit resumes its signal connection and confirms.
    state = reduceCall(state, { type: 'link', link: 'reconnecting' }, 6300);
    state = reduceCall(state, { type: 'tick' }, 6000 + ONLINE_GRACE_MS + 100);
    expect(state.phase, 'LiveKit is still reconnecting').to.equal('reconnecting');
    state = reduceCall(state, { type: 'link', link: 'connected' }, 10_000);
    expect(state.phase).to.equal('connected');
    expect(state.onlineSince).to.equal(null);
  });

  it('back online with LiveKit never having noticed: connected once the grace period is over', () => {
    let state = connected(doctor);
    state = reduceCall(state, { type: 'network', online: false }, 1000);
    state = reduceCall(state, { type: 'network', online: true }, 2000);
    state = reduceCall(state, { type: 'tick' }, 2000 + ONLINE_GRACE_MS - 1);
    expect(state.phase).to.equal('reconnecting');
    state = reduceCall(state, { type: 'tick' }, 2000 + ONLINE_GRACE_MS);
    expect(state.phase).to.equal('connected');
  });

  it('ended stays ended whatever LiveKit says after; a new join starts afresh', () => {
    let state = connected(doctor);
    state = reduceCall(state, { type: 'ended', reason: 'network' }, 1000);
    expect(state.phase).to.equal('ended');
    expect(canRetry(state)).to.equal(true);
    state = reduceCall(state, { type: 'link', link: 'reconnecting' }, 1100);
    expect(state.phase).to.equal('ended');
    state = reduceCall(state, { type: 'join' }, 2000);
    expect(state.phase).to.equal('connecting');
    expect(state.parties).to.deep.equal([]);
    expect(state.endReason).to.equal(null);
  });

  it('hung up or ended by the doctor: nothing to retry; a failed start can be retried', () => {
    expect(canRetry(reduceCall(connected(), { type: 'ended', reason: 'hung-up' }, 1))).to.equal(false);
    expect(canRetry(reduceCall(connected(), { type: 'ended', reason: 'ended-by-host' }, 1))).to.equal(false);
    expect(canRetry(reduceCall(connected(), { type: 'failed', message: 'x' }, 1))).to.equal(true);
  });

  it('returns the same object when nothing changed, so a tick costs no render', () => {
    const state = connected(doctor);
    expect(reduceCall(state, { type: 'tick' }, 5000)).to.equal(state);
    expect(reduceCall(state, { type: 'party', info: doctor }, 5000)).to.equal(state);
    expect(reduceCall(state, { type: 'camera', identity: doctor.identity, camera: 'on' }, 5000)).to.equal(
      state,
    );
  });

  it('audio blocked by the autoplay policy, then unblocked', () => {
    let state = reduceCall(connected(doctor), { type: 'audio', blocked: true }, 1);
    expect(state.audioBlocked).to.equal(true);
    state = reduceCall(state, { type: 'audio', blocked: false }, 2);
    expect(state.audioBlocked).to.equal(false);
  });

  it('a TV without a camera: local camera none, microphone on', () => {
    const state = reduceCall(connected(doctor), { type: 'local', media: { mic: 'on', camera: 'none' } }, 1);
    expect(state.local.camera).to.equal('none');
    expect(state.local.mic).to.equal('on');
  });
});

describe('call model: voice-only fallback', () => {
  it('a Poor connection for a while replaces video by voice; good again for a while brings it back', () => {
    let state = connected(doctor);
    state = reduceCall(state, { type: 'quality', identity: doctor.identity, quality: 'poor' }, 1000);
    state = reduceCall(state, { type: 'tick' }, 1000 + POOR_FOR_MS - 1);
    expect(state.parties[0]!.fallback, 'a moment of Poor is not enough').to.equal(null);
    state = reduceCall(state, { type: 'tick' }, 1000 + POOR_FOR_MS);
    expect(state.parties[0]!.fallback).to.equal('quality');
    expect(wantsVideo(state.parties[0]!), 'we stop receiving it').to.equal(false);

    const good = 10_000;
    state = reduceCall(state, { type: 'quality', identity: doctor.identity, quality: 'good' }, good);
    state = reduceCall(state, { type: 'tick' }, good + RECOVERED_FOR_MS - 1);
    expect(state.parties[0]!.fallback, 'no flapping').to.equal('quality');
    state = reduceCall(state, { type: 'tick' }, good + RECOVERED_FOR_MS);
    expect(state.parties[0]!.fallback).to.equal(null);
    expect(wantsVideo(state.parties[0]!)).to.equal(true);
  });

  it('our own Poor connection replaces every remote video by voice', () => {
    let state = connected(doctor, specialist);
    state = reduceCall(state, { type: 'quality', identity: null, quality: 'lost' }, 1000);
    state = reduceCall(state, { type: 'tick' }, 1000 + POOR_FOR_MS);
    expect(state.parties.map((p) => p.fallback)).to.deep.equal(['quality', 'quality']);
  });

  it('a camera paused by the server for bandwidth falls back after a moment and returns when it resumes', () => {
    let state = connected(doctor);
    state = reduceCall(state, { type: 'stream', identity: doctor.identity, paused: true }, 1000);
    state = reduceCall(state, { type: 'tick' }, 1000 + PAUSED_FOR_MS - 1);
    expect(state.parties[0]!.fallback).to.equal(null);
    state = reduceCall(state, { type: 'tick' }, 1000 + PAUSED_FOR_MS);
    expect(state.parties[0]!.fallback).to.equal('paused');
    expect(wantsVideo(state.parties[0]!), 'still subscribed, so it can resume').to.equal(true);
    state = reduceCall(state, { type: 'stream', identity: doctor.identity, paused: false }, 5000);
    expect(state.parties[0]!.fallback).to.equal(null);
  });

  it('a camera switched off by its owner is not a network problem', () => {
    let state = connected(doctor);
    state = reduceCall(state, { type: 'camera', identity: doctor.identity, camera: 'muted' }, 1000);
    state = reduceCall(state, { type: 'quality', identity: doctor.identity, quality: 'poor' }, 1000);
    state = reduceCall(state, { type: 'tick' }, 1000 + POOR_FOR_MS);
    expect(state.parties[0]!.fallback).to.equal(null);
  });
});

describe('call model: words and people', () => {
  it('connection quality in words', () => {
    expect(qualityWords('excellent')).to.equal('信号很好');
    expect(qualityWords('good')).to.equal('信号一般');
    expect(qualityWords('poor')).to.equal('信号较差');
    expect(qualityWords('lost')).to.equal('信号中断');
    expect(qualityWords('unknown')).to.equal('');
  });

  it('roles in words, with department or organisation', () => {
    expect(roleWords(doctor)).to.equal('医生，柳树村卫生室');
    expect(roleWords(specialist)).to.equal('专家，内分泌科');
    expect(roleWords({ role: 'specialist', detail: '' })).to.equal('专家');
    expect(roleWords(resident)).to.equal('居民');
    expect(roleWords({ role: null, detail: '' })).to.equal('');
  });

  it('who a participant is: attributes, then metadata, then the consultation directory, else the name only', () => {
    expect(
      partyInfo({
        identity: 'sp-liu-yan',
        name: '刘艳',
        attributes: { role: 'specialist', department: '内分泌科' },
      }),
    ).to.deep.equal(specialist);
    expect(
      partyInfo({
        identity: 'dr-zhang-wei',
        name: '张伟',
        metadata: '{"role":"doctor","organisationName":"柳树村卫生室"}',
      }),
    ).to.deep.equal(doctor);
    expect(partyInfo({ identity: 'x', name: '某人', metadata: 'not json' })).to.deep.equal({
      identity: 'x',
      name: '某人',
      role: null,
      detail: '',
    });
    const directory = directoryOf({
      id: 'c-1',
      kind: 'scheduled',
      status: 'active',
      reason: '',
      patient: { id: 'res-wang-xiuying', displayName: '王秀英' },
      doctor: {
        id: 'dr-zhang-wei',
        displayName: '张伟',
        role: 'doctor',
        organisationName: '柳树村卫生室',
        department: null,
      },
      specialists: [
        {
          id: 'sp-liu-yan',
          displayName: '刘艳',
          role: 'specialist',
          organisationName: '县人民医院',
          department: '内分泌科',
        },
      ],
      summary: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      endedAt: null,
    });
    expect(partyInfo({ identity: 'sp-liu-yan', name: '刘艳' }, directory)).to.deep.equal(specialist);
    expect(partyInfo({ identity: 'dr-zhang-wei', name: '' }, directory)).to.deep.equal(doctor);
    expect(partyInfo({ identity: 'res-wang-xiuying' }, directory)).to.deep.equal(resident);
    expect(
      partyInfo({ identity: 'nobody', name: '' }, directory).name,
      'identity as the last resort',
    ).to.equal('nobody');
  });
});
