import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import { TV_SCREENS, matchRoute, parentOf, pathFor } from '../../src/app/router/routes.js';
import { ConsultationPlace } from '../../src/app/consultations/consultation-place.js';
import { ResidentCallController } from '../../src/app/call/resident-calls.js';
import { WaitingRoom } from '../../src/app/consultations/waiting-room.js';
import type { PushEvent, QueuePlace } from '../../src/shared/consultations/schemas.js';
import {
  focusedElement,
  focusedText,
  openApp,
  screen,
  textOf,
  tvApi as tvApiOnly,
  waitForPath,
  waitingPlace,
} from './support/app.js';
import { pushEvent, pushWhenListening, recorder } from './support/msw.js';
import { wangSummary } from './support/schedule.js';
import { useFakeCalls } from './support/fake-call.js';
import { textProblems, unreachedWithArrows } from './support/screen-checks.js';

/** By identity, as a boolean: a failing chai comparison of a DOM element (or a FakeCall) stalls the runner. */
function expectSame(actual: unknown, expected: unknown, what: string): void {
  expect(actual === expected, what).to.equal(true);
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await nextFrame();
}

const caller = {
  id: 'dr-a',
  displayName: '张伟',
  role: 'doctor',
  organisationName: '柳树村卫生室',
  department: null,
} as const;

const ring = (autoAnswerSeconds: number | null = null): PushEvent => ({
  type: 'ring',
  consultationId: 'c-ring-1',
  caller,
  reason: '高血压随访',
  autoAnswerSeconds,
});

const detail = {
  id: 'c-ring-1',
  kind: 'follow-up',
  status: 'active',
  reason: '高血压随访',
  patient: { id: 'res-a', displayName: '王秀英' },
  doctor: caller,
  specialists: [],
  summary: null,
  createdAt: '2025-03-01T08:00:00.000Z',
  endedAt: null,
};

/** What answering gets back: the consultation and the call's token. */
const answered = {
  consultation: detail,
  call: {
    token: 'answered-jwt',
    url: 'ws://127.0.0.1:1',
    room: 'consultation-c-ring-1',
    identity: 'res-a',
    expiresAt: '2030-01-01T00:00:00.000Z',
  },
  // Not standing by in the room (or the server could not admit it there): the call connects anew.
  standbyAdmitted: false,
};

/** The token a ringing TV stands by with in the call's room (POST …/standby). */
const standbyToken = { ...answered.call, token: 'standby-jwt' };

/** Answering while standing by: the server gave the standby its call grants. */
const admitted = { ...answered, standbyAdmitted: true };

/** The call screen asks for the consultation and a token once it opens: these tests stop at its door. */
const noToken = [
  http.post('/api/calls/token', () =>
    HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
  ),
  http.get(/\/api\/consultations\/c-(ring|adm)-\d+$/, ({ request }) =>
    HttpResponse.json({ ...detail, id: new URL(request.url).pathname.split('/').pop() }),
  ),
];

/** A camera (a canvas) and a microphone (a tone), or no camera at all. */
function fakeMedia(options: { camera: boolean }): () => void {
  const media = navigator.mediaDevices;
  const original = media.getUserMedia;
  const contexts: AudioContext[] = [];
  media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (constraints?.video && !options.camera) throw new DOMException('no camera', 'NotFoundError');
    const tracks: MediaStreamTrack[] = [];
    if (constraints?.video) {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#3a7';
      context.fillRect(0, 0, 320, 180);
      const stream = canvas.captureStream(10);
      window.setInterval(() => context.fillRect(0, 0, 320, 180), 100);
      tracks.push(...stream.getVideoTracks());
    }
    if (constraints?.audio) {
      const audio = new AudioContext();
      contexts.push(audio);
      const oscillator = audio.createOscillator();
      const destination = audio.createMediaStreamDestination();
      oscillator.connect(destination);
      oscillator.start();
      tracks.push(...destination.stream.getAudioTracks());
    }
    return new MediaStream(tracks);
  };
  return () => {
    media.getUserMedia = original;
    for (const context of contexts) void context.close();
  };
}

/** Records every AudioContext the app makes (the ringtone's among them). */
function watchAudio(): { contexts: AudioContext[]; restore(): void } {
  const Original = window.AudioContext;
  const contexts: AudioContext[] = [];
  window.AudioContext = class extends Original {
    constructor(options?: AudioContextOptions) {
      super(options);
      contexts.push(this);
    }
  };
  return { contexts, restore: () => (window.AudioContext = Original) };
}

/** While it rings, the TV asks to stand by in the call's room. */
const standby = http.post(/\/api\/consultations\/c-ring-\d+\/standby$/, () =>
  HttpResponse.json(standbyToken),
);

/** The TV's API; when a test opens a call, the call screen stops at its door. */
const tvApi = (...handlers: RequestHandler[]) => tvApiOnly(...handlers, standby, ...noToken);

afterEach(() => {
  window.localStorage.removeItem('dah.settings');
  WaitingRoom.heartbeatMs = 30_000;
  ConsultationPlace.admittedPauseMs = 1500;
  ResidentCallController.countdownTickMs = 1000;
});

describe('routes of the consultation screens', () => {
  it('the waiting room, the emergency screen and the summary have deep links one level below Home', () => {
    expect(matchRoute('/tv/waiting')).to.deep.equal({ screen: 'waiting', surface: 'tv' });
    expect(matchRoute('/tv/emergency')).to.deep.equal({ screen: 'emergency', surface: 'tv' });
    const summary = matchRoute('/tv/summary/c-end-1')!;
    expect(summary).to.deep.equal({ screen: 'summary', surface: 'tv', consultationId: 'c-end-1' });
    expect(pathFor(summary)).to.equal('/tv/summary/c-end-1');
    for (const path of ['/tv/waiting', '/tv/emergency', '/tv/summary/c-end-1'])
      expect(parentOf(matchRoute(path)!)).to.equal('/tv');
    expect(matchRoute('/console/summary/c-end-1')).to.equal(null);
    expect(matchRoute('/tv/summary/C-BAD')).to.equal(null);
    // Screens that join the queue when opened stay out of the walks against the real API.
    expect(TV_SCREENS as readonly string[]).to.not.include('emergency');
    expect(TV_SCREENS as readonly string[]).to.not.include('waiting');
  });
});

describe('视频问诊: choosing a doctor, the pre-call check, the waiting room', () => {
  it('family doctor: the check shows the camera and the microphone; passing it joins the queue and is remembered', async () => {
    const api = recorder();
    const restoreMedia = fakeMedia({ camera: true });
    try {
      await tvApi(
        http.post('/api/queue', async ({ request }) => {
          api.note('join', await request.json());
          return HttpResponse.json(waitingPlace, { status: 201 });
        }),
      );
      const app = await openApp('/tv/consult');
      const consult = screen(app, 'dah-consult-screen')!;
      await waitUntil(() => focusedText().includes('高血压随访'), 'arranged consultation first');
      await press('ArrowDown');
      expect(focusedText()).to.contain('家庭医生');
      await waitUntil(() => focusedText().includes('张伟（柳树村卫生室）'), 'the family doctor by name');
      await press('Enter');
      await waitUntil(
        () => consult.shadowRoot!.querySelector('h1')!.textContent === '通话前检查一下',
        'check',
      );
      await waitUntil(() => focusedText() === '都正常，开始排队', 'one press to go on');
      const video = () => consult.shadowRoot!.querySelector('video');
      await waitUntil(() => video() && video()!.videoWidth > 0, 'own picture from the camera');
      expect(consult.shadowRoot!.querySelector('meter'), 'microphone level').to.not.equal(null);
      expect(textOf(consult)).to.contain('能看到自己吗');
      // The speaker test is there too, reachable with the arrows.
      expect(await unreachedWithArrows(app.shadowRoot!.querySelector('.surface')!)).to.deep.equal([]);
      consult.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=start]')!.focus();
      await press('Enter');
      await waitForPath('/tv/waiting');
      expect(api.calls['join']).to.deep.equal([{ doctor: 'family', urgency: 'routine', reason: '' }]);
      const waiting = screen(app, 'dah-waiting-screen')!;
      await waitUntil(() => textOf(waiting).includes('前面还有2位，大约等10分钟。'), 'place in words');
      await waitUntil(() => focusedText().includes('前面还有2位'), 'the place is focused (read aloud)');
      expect(video(), 'camera closed').to.equal(null);
      const saved = JSON.parse(window.localStorage.getItem('dah.settings')!) as { precheckPassedAt: string };
      expect(Date.now() - Date.parse(saved.precheckPassedAt)).to.be.lessThan(60_000);
    } finally {
      restoreMedia();
    }
  });

  it('doctor on duty, check passed lately: no check, straight into the queue', async () => {
    const api = recorder();
    window.localStorage.setItem(
      'dah.settings',
      JSON.stringify({ precheckPassedAt: new Date().toISOString() }),
    );
    await tvApi(
      http.post('/api/queue', async ({ request }) => {
        api.note('join', await request.json());
        return HttpResponse.json({
          ...waitingPlace,
          doctor: 'on-duty',
          position: 1,
          estimatedWaitMinutes: 0,
        });
      }),
    );
    const app = await openApp('/tv/consult');
    await waitUntil(() => focusedText().includes('高血压随访'), 'arranged consultation first');
    await press('ArrowDown');
    await press('ArrowRight');
    expect(focusedText()).to.contain('值班医生');
    await press('Enter');
    await waitForPath('/tv/waiting');
    expect(api.calls['join']).to.deep.equal([{ doctor: 'on-duty', urgency: 'routine', reason: '' }]);
    await waitUntil(() => textOf(screen(app, 'dah-waiting-screen')).includes('下一位就是您'), 'next');
    expect(textOf(screen(app, 'dah-waiting-screen'))).to.contain('您在等值班医生');
  });

  it('a TV without a camera is told it can talk by voice, and skipping the check is one press (not remembered)', async () => {
    const restoreMedia = fakeMedia({ camera: false });
    try {
      await tvApi(http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [] })));
      const app = await openApp('/tv/consult');
      const consult = screen(app, 'dah-consult-screen')!;
      await waitUntil(() => focusedText().includes('家庭医生'), 'first choice focused with nothing arranged');
      expect(textOf(consult)).to.contain('现在没有安排好的视频问诊');
      await press('Enter');
      await waitUntil(() => textOf(consult).includes('这台电视没有摄像头'), 'audio-only note');
      expect(consult.shadowRoot!.querySelector('video')).to.equal(null);
      expect(consult.shadowRoot!.querySelector('meter')).to.not.equal(null);
      await waitUntil(() => focusedText() === '都正常，开始排队', 'can go on');
      await press('ArrowRight');
      expect(focusedText()).to.equal('跳过检查');
      await press('Enter');
      await waitForPath('/tv/waiting');
      expect(window.localStorage.getItem('dah.settings') ?? '').to.not.contain('precheckPassedAt":"2');
    } finally {
      restoreMedia();
    }
  });

  it('a failed request says what happened in Chinese, keeps the choice, and tries again with one press', async () => {
    let attempts = 0;
    window.localStorage.setItem(
      'dah.settings',
      JSON.stringify({ precheckPassedAt: new Date().toISOString() }),
    );
    await tvApi(
      http.post('/api/queue', () => {
        attempts += 1;
        return attempts === 1 ? HttpResponse.error() : HttpResponse.json(waitingPlace, { status: 201 });
      }),
    );
    const app = await openApp('/tv/consult');
    await waitUntil(() => focusedText().includes('高血压随访'), 'arranged consultation first');
    await press('ArrowDown');
    await press('Enter');
    const consult = screen(app, 'dah-consult-screen')!;
    await waitUntil(() => textOf(consult).includes('连接不上服务器'), 'network error said');
    await waitUntil(() => focusedText() === '再试一次', 'retry focused');
    await press('Enter');
    await waitForPath('/tv/waiting');
    expect(attempts).to.equal(2);
  });

  it('the place updates live from push events', async () => {
    await tvApi(http.get('/api/queue/mine', () => HttpResponse.json(waitingPlace)));
    const app = await openApp('/tv/waiting');
    const waiting = screen(app, 'dah-waiting-screen')!;
    await waitUntil(() => textOf(waiting).includes('前面还有2位，大约等10分钟。'), 'first place');
    await pushWhenListening({
      type: 'queue',
      place: { ...waitingPlace, position: 2, estimatedWaitMinutes: 5 },
    });
    await waitUntil(() => textOf(waiting).includes('前面还有1位，大约等5分钟。'), 'moved up');
    await pushWhenListening({
      type: 'queue',
      place: { ...waitingPlace, position: 1, estimatedWaitMinutes: 1 },
    });
    await waitUntil(() => textOf(waiting).includes('下一位就是您，医生马上就来。'), 'next');
  });

  it('after a reload or power cut, a TV starting at Home goes back to the waiting room (GET /api/queue/mine)', async () => {
    const api = recorder();
    await tvApi(
      http.get('/api/queue/mine', () => {
        api.note('mine');
        return HttpResponse.json(waitingPlace);
      }),
    );
    const app = await openApp('/tv');
    await waitForPath('/tv/waiting');
    await waitUntil(() => textOf(screen(app, 'dah-waiting-screen')).includes('前面还有2位'), 'restored');
    expect(api.count('mine')).to.be.greaterThan(0);
    // Back goes Home, where the place stays in view; focus is on the first tile as always.
    await press('Escape');
    await waitForPath('/tv');
    const home = screen(app, 'dah-tv-home')!;
    await waitUntil(() => textOf(home).includes('您正在排队等医生。前面还有2位'), 'banner on Home');
    await waitUntil(() => focusedText() === '视频问诊', 'first tile focused');
    home.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=waiting]')!.focus();
    await press('Enter');
    await waitForPath('/tv/waiting');
  });

  it('a TV started on another screen stays there; Home shows the place', async () => {
    await tvApi(http.get('/api/queue/mine', () => HttpResponse.json(waitingPlace)));
    const app = await openApp('/tv/record');
    await waitUntil(() => screen(app, 'dah-record-screen')?.shadowRoot?.querySelector('.pages'), 'record');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(window.location.pathname).to.equal('/tv/record');
    await press('Escape');
    await waitForPath('/tv');
    await waitUntil(() => textOf(screen(app, 'dah-tv-home')).includes('回到等候室'), 'banner');
  });

  it('sends a heartbeat while waiting, and keeps the place through a network failure', async () => {
    WaitingRoom.heartbeatMs = 100;
    const api = recorder();
    let failing = false;
    await tvApi(
      http.get('/api/queue/mine', () => HttpResponse.json(waitingPlace)),
      http.post('/api/queue/mine/heartbeat', () => {
        api.note('heartbeat');
        return failing ? HttpResponse.error() : HttpResponse.json({ ...waitingPlace, position: 2 });
      }),
    );
    const app = await openApp('/tv/waiting');
    const waiting = screen(app, 'dah-waiting-screen')!;
    await waitUntil(() => api.count('heartbeat') >= 2, 'heartbeats');
    await waitUntil(() => textOf(waiting).includes('前面还有1位'), 'heartbeat answers update the place');
    failing = true;
    await waitUntil(() => textOf(waiting).includes('您的位置还保留着'), 'said, place kept');
    expect(textOf(waiting)).to.contain('前面还有1位');
    const failedSoFar = api.count('heartbeat');
    await waitUntil(() => api.count('heartbeat') > failedSoFar, 'keeps trying');
    failing = false;
    await waitUntil(() => !textOf(waiting).includes('您的位置还保留着'), 'recovered');
  });

  it('a place the server dropped (heartbeat 404) is said plainly, with the way to ask again', async () => {
    WaitingRoom.heartbeatMs = 100;
    let known = true;
    await tvApi(
      http.get('/api/queue/mine', () =>
        known
          ? HttpResponse.json(waitingPlace)
          : HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
      http.post('/api/queue/mine/heartbeat', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    );
    const app = await openApp('/tv/waiting');
    known = false;
    const waiting = screen(app, 'dah-waiting-screen')!;
    await waitUntil(() => textOf(waiting).includes('排队已经取消'), 'expired said');
    await waitUntil(() => focusedText() === '找医生视频', 'the way forward focused', { timeout: 4000 });
  });

  it('leaving asks first; staying changes nothing, leaving calls DELETE and goes Home', async () => {
    const api = recorder();
    await tvApi(
      http.get('/api/queue/mine', () => HttpResponse.json(waitingPlace)),
      http.delete('/api/queue/mine', () => {
        api.note('leave');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const app = await openApp('/tv/waiting');
    await waitUntil(() => focusedText().includes('前面还有2位'), 'place focused');
    await press('ArrowDown');
    expect(focusedText()).to.equal('离开等候室');
    await press('Enter');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'asked');
    expect(textOf(app.shadowRoot!.querySelector('dah-dialog'))).to.contain('要离开等候室吗');
    await waitUntil(() => focusedText() === '不离开', 'staying is the default');
    await press('Enter');
    await waitUntil(() => !app.shadowRoot!.querySelector('dah-dialog'), 'closed');
    expect(api.count('leave')).to.equal(0);
    expect(focusedText()).to.equal('离开等候室');
    await press('Enter');
    await waitUntil(() => focusedText() === '不离开', 'asked again');
    await press('ArrowRight');
    expect(focusedText()).to.equal('离开');
    await press('Enter');
    await waitForPath('/tv');
    expect(api.count('leave')).to.equal(1);
    await waitUntil(() => focusedText() === '视频问诊', 'Home');
    expect(textOf(screen(app, 'dah-tv-home'))).to.not.contain('回到等候室');
  });

  it('admitted: 医生来了，正在接通…, then the call opens by itself', async () => {
    ConsultationPlace.admittedPauseMs = 300;
    await tvApi(http.get('/api/queue/mine', () => HttpResponse.json(waitingPlace)));
    const app = await openApp('/tv/waiting');
    const waiting = screen(app, 'dah-waiting-screen')!;
    await waitUntil(() => textOf(waiting).includes('前面还有2位'), 'waiting');
    await pushWhenListening({
      type: 'queue',
      place: { ...waitingPlace, status: 'admitted', position: 1, consultationId: 'c-adm-1' },
    });
    await waitUntil(() => textOf(waiting).includes('医生来了，正在接通…'), 'said');
    await waitForPath('/tv/call/c-adm-1');
  });

  it('admitted between reading the place and the push stream opening: the TV reads it again and goes in', async () => {
    ConsultationPlace.admittedPauseMs = 300;
    let place: QueuePlace = waitingPlace;
    await tvApi(
      http.get('/api/queue/mine', () => {
        const now = place;
        // The doctor admits her right after this read, before the push stream is open: no event will say so.
        place = { ...waitingPlace, status: 'admitted', position: 1, consultationId: 'c-adm-2' };
        return HttpResponse.json(now);
      }),
    );
    await openApp('/tv/waiting');
    await waitForPath('/tv/call/c-adm-2');
  });

  it('the waiting room and Home with the place at 1080p: text at least 32 px with 7:1 contrast, every control reachable', async () => {
    await setViewport({ width: 1920, height: 1080 });
    try {
      await tvApi(http.get('/api/queue/mine', () => HttpResponse.json(waitingPlace)));
      const app = await openApp('/tv/waiting');
      await waitUntil(() => focusedText().includes('前面还有2位'), 'place focused');
      expect(textProblems(app.shadowRoot!, 32)).to.deep.equal([]);
      expect(await unreachedWithArrows(app.shadowRoot!.querySelector('.surface')!)).to.deep.equal([]);
      // Home with the place on it: the same, and the tiles stay clear of the key legend.
      await press('Escape');
      await waitForPath('/tv');
      await waitUntil(() => textOf(screen(app, 'dah-tv-home')).includes('回到等候室'), 'banner');
      await waitUntil(() => focusedText() === '视频问诊', 'first tile');
      expect(textProblems(app.shadowRoot!, 32)).to.deep.equal([]);
      const tiles = [...screen(app, 'dah-tv-home')!.shadowRoot!.querySelectorAll('dah-tile')];
      const legend = app.shadowRoot!.querySelector('footer')!.getBoundingClientRect();
      expect(Math.max(...tiles.map((t) => t.getBoundingClientRect().bottom))).to.be.at.most(legend.top);
      expect(app.shadowRoot!.querySelector('footer')!.textContent).to.contain('红色键：紧急呼叫');
      expect(await unreachedWithArrows(app.shadowRoot!.querySelector('.surface')!)).to.deep.equal([]);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

describe('ringing: a doctor calls the TV', () => {
  // The app goes before the real call sessions come back (useFakeCalls' afterEach runs after this
  // one): a standby token still on its way then makes no session, fake or real.
  afterEach(() => fixtureCleanup());
  const sessions = useFakeCalls();
  /** The session standing by in the call's room while it rings (joined with the standby token). */
  const standbySession = () => sessions.find((session) => session.standbyJoins.length > 0);
  const joinedSessions = () => sessions.filter((session) => session.joins.length > 0);
  const standingBy = () => waitUntil(() => standbySession()?.state.phase === 'connected', 'standing by');
  /** POST …/answer, its body noted as `answer` (null when it sent none). */
  const answerWith = (api: ReturnType<typeof recorder>, response: object) =>
    http.post('/api/consultations/c-ring-1/answer', async ({ request }) => {
      const body = await request.text();
      api.note('answer', body ? JSON.parse(body) : null);
      return HttpResponse.json(response);
    });
  const hidden = (element: Element) => getComputedStyle(element).display === 'none';
  const ringingClass = (app: AppRoot) => app.shadowRoot!.querySelector('main')!.classList.contains('ringing');

  for (const path of ['/tv', '/tv/settings', '/tv/waiting']) {
    it(`${path}: the incoming call covers the screen, focus on 接听 and trapped; the green key answers`, async () => {
      const api = recorder();
      const audio = watchAudio();
      try {
        await tvApi(
          http.post('/api/consultations/c-ring-1/answer', () => {
            api.note('answer');
            return HttpResponse.json(answered);
          }),
          http.post('/api/calls/token', () => {
            api.note('token');
            return HttpResponse.json(answered.call);
          }),
        );
        const app = await openApp(path);
        await pushWhenListening(ring());
        await waitUntil(() => screen(app, 'dah-incoming-call'), 'incoming call');
        const overlay = screen(app, 'dah-incoming-call')!;
        const words = textOf(overlay);
        expect(words).to.contain('张伟医生打来视频电话');
        expect(words).to.contain('医生 · 柳树村卫生室');
        expect(words).to.contain('高血压随访');
        expect(overlay.shadowRoot!.querySelector('dah-avatar')!.name).to.equal('张伟');
        const box = overlay.getBoundingClientRect();
        expect([box.width, box.height]).to.deep.equal([window.innerWidth, window.innerHeight]);
        await waitUntil(() => focusedText() === '接听', '接听 focused');
        for (const key of ['ArrowUp', 'ArrowLeft', 'ArrowDown', 'Tab', 'Tab']) {
          await press(key);
          expect(overlay.shadowRoot!.contains(focusedElement()), `${key} stays inside`).to.equal(true);
        }
        await waitUntil(() => audio.contexts.some((c) => c.state !== 'closed'), 'ringtone playing');
        await press('F2');
        await waitForPath('/tv/call/c-ring-1');
        expect(api.count('answer')).to.equal(1);
        // The call connects with the answer's token and the call screen takes it over: no second token request.
        await waitUntil(() => screen(app, 'dah-call-screen')?.dataset['state'] === 'connected', 'connected');
        // (It stood by in the room while it rang; the answer did not admit that standby here.)
        expect(sessions.flatMap((s) => s.joins.map((t) => t.token))).to.deep.equal([
          'standby-jwt',
          'answered-jwt',
        ]);
        expect(api.count('token')).to.equal(0);
        expect(screen(app, 'dah-incoming-call')).to.equal(null);
        await waitUntil(() => audio.contexts.every((c) => c.state === 'closed'), 'ringtone stopped');
      } finally {
        audio.restore();
      }
    });
  }

  it('a call comes before an open question: the dialog closes, Back declines, focus returns', async () => {
    await tvApi(
      http.get('/api/queue/mine', () => HttpResponse.json(waitingPlace)),
      http.post('/api/consultations/c-ring-1/decline', () => new HttpResponse(null, { status: 204 })),
    );
    const app = await openApp('/tv/waiting');
    await waitUntil(() => focusedText().includes('前面还有2位'), 'place focused');
    await press('ArrowDown');
    await press('Enter');
    await waitUntil(() => focusedText() === '不离开', 'asked whether to leave');
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    expect(app.shadowRoot!.querySelector('dah-dialog')).to.equal(null);
    await press('Escape');
    await waitUntil(() => !screen(app, 'dah-incoming-call'), 'declined');
    await waitUntil(() => focusedText() === '离开等候室', 'focus back');
    expect(window.location.pathname).to.equal('/tv/waiting');
  });

  it('OK answers with one press', async () => {
    const api = recorder();
    await tvApi(
      http.post('/api/consultations/c-ring-1/answer', () => {
        api.note('answer');
        return HttpResponse.json(answered);
      }),
    );
    await openApp('/tv/record');
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await press('Enter');
    await waitForPath('/tv/call/c-ring-1');
    expect(api.count('answer')).to.equal(1);
  });

  for (const standbyAdmitted of [false, true]) {
    const which = standbyAdmitted ? 'the standby admitted' : 'a new join';
    it(`Back in the moment between answering and the ringing going: the started call (${which}) hangs up at once`, async () => {
      await tvApi(
        http.post('/api/consultations/c-ring-1/answer', () =>
          HttpResponse.json({ ...answered, standbyAdmitted }),
        ),
        http.post('/api/consultations/c-ring-1/decline', () =>
          HttpResponse.json({ error: { code: 'conflict', message: '' } }, { status: 409 }),
        ),
      );
      // The ringing goes at an idle moment: hold it until Back has been pressed.
      const realIdle = window.requestIdleCallback;
      const held: (() => void)[] = [];
      window.requestIdleCallback = ((callback: () => void) => held.push(callback)) as typeof realIdle;
      try {
        const app = await openApp('/tv/record');
        await pushWhenListening(ring());
        await waitUntil(() => focusedText() === '接听', '接听 focused');
        await standingBy();
        await press('Enter');
        // The call: the standby once admitted, or the session that joined with the answer's token.
        const started = () =>
          standbyAdmitted
            ? sessions.find((session) => session.admits > 0)
            : sessions.find((session) => session.joins.some((t) => t.token === 'answered-jwt'));
        await waitUntil(() => held.length === 1 && started(), 'answered, the call started');
        expect(started()!.state.phase).to.equal('connected');
        await press('Escape');
        for (const callback of held) callback();
        await waitUntil(() => started()!.leaves === 1, 'hung up');
        expect(standbySession()!.leaves).to.equal(1);
        expect(window.location.pathname).to.equal('/tv/record');
        await waitUntil(() => !screen(app, 'dah-call-screen'), 'the call screen gone');
        expect(hidden(screen(app, 'dah-record-screen')!)).to.equal(false);
      } finally {
        window.requestIdleCallback = realIdle;
      }
    });
  }

  it('Back declines: POST decline, the screen behind is as it was', async () => {
    const api = recorder();
    const audio = watchAudio();
    try {
      await tvApi(
        http.post('/api/consultations/c-ring-1/decline', () => {
          api.note('decline');
          return new HttpResponse(null, { status: 204 });
        }),
      );
      const app = await openApp('/tv/settings');
      const before = focusedElement();
      await pushWhenListening(ring());
      await waitUntil(() => focusedText() === '接听', '接听 focused');
      await press('Escape');
      await waitUntil(() => !screen(app, 'dah-incoming-call'), 'gone');
      await waitUntil(() => api.count('decline') === 1, 'declined');
      expect(window.location.pathname).to.equal('/tv/settings');
      await waitUntil(() => focusedElement() === before, 'focus back where it was');
      await waitUntil(() => audio.contexts.every((c) => c.state === 'closed'), 'ringtone stopped');
    } finally {
      audio.restore();
    }
  });

  it('while it rings, its call screen waits under the ringing, the screen on show hidden as it is; the TV stands by in the room', async () => {
    const api = recorder();
    await tvApi(
      http.post('/api/consultations/c-ring-1/standby', () => {
        api.note('standby');
        return HttpResponse.json(standbyToken);
      }),
    );
    const app = await openApp('/tv/settings');
    const settings = screen(app, 'dah-settings-screen')!;
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await standingBy();
    expect(api.count('standby')).to.equal(1);
    const standby = standbySession()!;
    expect(standby.joins.map((t) => [t.token, t.room])).to.deep.equal([
      ['standby-jwt', 'consultation-c-ring-1'],
    ]);
    expect(standby.standbyJoins).to.deep.equal([0]);
    expect(standby.admits).to.equal(0);
    expect(joinedSessions().length, 'sessions joined').to.equal(1);
    // The call's screen is in the page already, under the ringing.
    const prepared = screen(app, 'dah-call-screen')!;
    expect(prepared, 'the call screen drawn under the ringing').to.not.equal(null);
    expect(prepared.getAttribute('consultation-id')).to.equal('c-ring-1');
    expect(hidden(prepared)).to.equal(false);
    expect(ringingClass(app)).to.equal(true);
    const middle = app.shadowRoot!.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
    expectSame(middle, screen(app, 'dah-incoming-call'), 'the ringing on top');
    // The screen that was on show stays in the page as it was, only hidden.
    expectSame(screen(app, 'dah-settings-screen'), settings, 'the same settings screen');
    expect(settings.isConnected).to.equal(true);
    expect(hidden(settings)).to.equal(true);
    // The screen waiting for the answer takes no focus: 接听 keeps it.
    await nextFrame();
    expect(focusedText()).to.equal('接听');
    expect(window.location.pathname).to.equal('/tv/settings');
  });

  it('answering while standing by says so; the standby admitted becomes the call on the screen drawn under the ringing, nothing joins again', async () => {
    const api = recorder();
    await tvApi(
      answerWith(api, admitted),
      http.post('/api/calls/token', () => {
        api.note('token');
        return HttpResponse.json(answered.call);
      }),
    );
    const app = await openApp('/tv/record');
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await standingBy();
    const standby = standbySession()!;
    const prepared = screen(app, 'dah-call-screen')!;
    await press('Enter');
    await waitForPath('/tv/call/c-ring-1');
    expect(api.calls['answer']).to.deep.equal([{ standingBy: true }]);
    await waitUntil(() => !screen(app, 'dah-incoming-call'), 'the ringing gone');
    // The same element, now on show; the routed screen has gone.
    expectSame(screen(app, 'dah-call-screen'), prepared, 'the call screen drawn under the ringing');
    expect(hidden(prepared)).to.equal(false);
    expect(ringingClass(app)).to.equal(false);
    expect(!screen(app, 'dah-record-screen'), 'the routed screen gone').to.equal(true);
    await waitUntil(() => prepared.dataset['state'] === 'connected', 'connected');
    expect(standby.admits).to.equal(1);
    expect(standby.leaves).to.equal(0);
    expect(joinedSessions().length, 'sessions joined').to.equal(1);
    expectSame(joinedSessions()[0], standby, 'the standby is the one joined');
    expect(standby.joins.map((t) => t.token)).to.deep.equal(['standby-jwt']);
    expect(api.count('token')).to.equal(0);
    // The ringing gone, focus is on the call's controls (it was on 接听).
    await waitUntil(() => prepared.shadowRoot!.contains(focusedElement()), 'focus on the call screen');
    // What the call screen shows is the standby's call: the doctor coming into it appears.
    standby.joined({ identity: 'dr-a', name: '张伟', role: 'doctor', detail: '柳树村卫生室' });
    await waitUntil(() => prepared.dataset['parties'] === '1', 'the doctor on the call screen');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(standby.leaves, 'the ringing going does not hang up the call').to.equal(0);
  });

  it("answering while standing by, the standby not admitted: it leaves, and the call joins with the answer's token", async () => {
    const api = recorder();
    await tvApi(answerWith(api, answered));
    const app = await openApp('/tv');
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await standingBy();
    const standby = standbySession()!;
    const prepared = screen(app, 'dah-call-screen')!;
    await press('F2');
    await waitForPath('/tv/call/c-ring-1');
    expect(api.calls['answer']).to.deep.equal([{ standingBy: true }]);
    await waitUntil(() => standby.leaves === 1, 'the standby left');
    expect(standby.admits).to.equal(0);
    await waitUntil(() => joinedSessions().length === 2, 'the call joined');
    const call = joinedSessions().find((session) => session !== standby)!;
    expect(call.joins.map((t) => t.token)).to.deep.equal(['answered-jwt']);
    expect(call.standbyJoins).to.deep.equal([]);
    expectSame(screen(app, 'dah-call-screen'), prepared, 'the call screen drawn under the ringing');
    await waitUntil(() => prepared.dataset['state'] === 'connected', 'connected');
    await waitUntil(() => prepared.shadowRoot!.contains(focusedElement()), 'focus on the call screen');
    call.joined({ identity: 'dr-a', name: '张伟', role: 'doctor', detail: '柳树村卫生室' });
    await waitUntil(() => prepared.dataset['parties'] === '1', 'the new call on the call screen');
    expect(call.leaves).to.equal(0);
  });

  it('no standby (its request failed): the answer does not say standing by, and the call connects with its token', async () => {
    const api = recorder();
    await tvApi(
      http.post('/api/consultations/c-ring-1/standby', () => {
        api.note('standby');
        return HttpResponse.json({ error: { code: 'unavailable', message: '' } }, { status: 503 });
      }),
      answerWith(api, answered),
    );
    const app = await openApp('/tv');
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await waitUntil(() => api.count('standby') === 1, 'asked to stand by');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(!standbySession(), 'no standby').to.equal(true);
    await press('Enter');
    await waitForPath('/tv/call/c-ring-1');
    expect(api.calls['answer']).to.deep.equal([null]);
    await waitUntil(() => screen(app, 'dah-call-screen')?.dataset['state'] === 'connected', 'connected');
    expect(sessions.flatMap((s) => s.joins.map((t) => t.token))).to.deep.equal(['answered-jwt']);
  });

  it('Back declines while standing by: the standby leaves, the call screen goes, the screen on show is back as it was', async () => {
    const api = recorder();
    await tvApi(
      http.post('/api/consultations/c-ring-1/decline', () => {
        api.note('decline');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const app = await openApp('/tv/settings');
    const settings = screen(app, 'dah-settings-screen')!;
    await press('ArrowDown');
    const before = focusedElement();
    expect(settings.shadowRoot!.contains(before), 'focus on the settings screen').to.equal(true);
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await standingBy();
    const standby = standbySession()!;
    expect(hidden(settings)).to.equal(true);
    await press('Escape');
    await waitUntil(() => !screen(app, 'dah-incoming-call'), 'gone');
    await waitUntil(() => api.count('decline') === 1, 'declined');
    await waitUntil(() => standby.leaves === 1, 'the standby left');
    expect(standby.admits).to.equal(0);
    await waitUntil(() => !screen(app, 'dah-call-screen'), 'the call screen gone');
    expect(joinedSessions().length, 'sessions joined').to.equal(1);
    // The same screen, shown again, focus where it was.
    expectSame(screen(app, 'dah-settings-screen'), settings, 'the same settings screen');
    expect(hidden(settings)).to.equal(false);
    expect(ringingClass(app)).to.equal(false);
    await waitUntil(() => focusedElement() === before, 'focus back where it was');
    expect(window.location.pathname).to.equal('/tv/settings');
  });

  it('auto-answer: a visible countdown, then it answers by itself', async () => {
    ResidentCallController.countdownTickMs = 100;
    const api = recorder();
    await tvApi(
      http.post('/api/consultations/c-ring-1/answer', () => {
        api.note('answer');
        return HttpResponse.json(answered);
      }),
    );
    const app = await openApp('/tv');
    await pushWhenListening(ring(10));
    await waitUntil(() => textOf(screen(app, 'dah-incoming-call')).includes('10秒后自动接通'), 'countdown');
    await waitUntil(() => textOf(screen(app, 'dah-incoming-call')).includes('5秒后自动接通'), 'counting');
    await waitForPath('/tv/call/c-ring-1');
    expect(api.count('answer')).to.equal(1);
  });

  it('auto-answer: Back during the countdown declines, and it never answers', async () => {
    ResidentCallController.countdownTickMs = 100;
    const api = recorder();
    await tvApi(
      http.post('/api/consultations/c-ring-1/answer', () => {
        api.note('answer');
        return HttpResponse.json(answered);
      }),
      http.post('/api/consultations/c-ring-1/decline', () => {
        api.note('decline');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const app = await openApp('/tv');
    await pushWhenListening(ring(5));
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await press('Escape');
    await waitUntil(() => api.count('decline') === 1, 'declined');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(api.count('answer')).to.equal(0);
    expect(window.location.pathname).to.equal('/tv');
    expect(screen(app, 'dah-incoming-call')).to.equal(null);
  });

  it('answered on another of her TVs: this one stops ringing and says so', async () => {
    await tvApi();
    const app = await openApp('/tv');
    await pushWhenListening(ring());
    await waitUntil(() => screen(app, 'dah-incoming-call'), 'ringing');
    pushEvent({ type: 'ring-cancelled', consultationId: 'c-ring-1', answeredElsewhere: true });
    await waitUntil(() => !screen(app, 'dah-incoming-call'), 'gone');
    await waitUntil(
      () => textOf(app.shadowRoot!.querySelector('dah-toast')).includes('已经在另一台电视上接听了'),
      'said',
    );
    expect(textOf(app.shadowRoot!.querySelector('dah-toast'))).to.not.contain('未接来电');
  });

  it('ring-cancelled takes it away with a 未接来电 message', async () => {
    const audio = watchAudio();
    try {
      await tvApi();
      const app = await openApp('/tv');
      await pushWhenListening(ring());
      await waitUntil(() => screen(app, 'dah-incoming-call'), 'ringing');
      await standingBy();
      pushEvent({ type: 'ring-cancelled', consultationId: 'c-ring-1', answeredElsewhere: false });
      await waitUntil(() => !screen(app, 'dah-incoming-call'), 'gone');
      // Missed: the TV stops standing by in the room, and the call screen drawn under it goes.
      await waitUntil(() => standbySession()!.leaves === 1, 'the standby left');
      await waitUntil(() => !screen(app, 'dah-call-screen'), 'the call screen gone');
      expect(hidden(screen(app, 'dah-tv-home')!)).to.equal(false);
      await waitUntil(
        () => textOf(app.shadowRoot!.querySelector('dah-toast')).includes('未接来电：张伟医生'),
        'said',
      );
      await waitUntil(() => focusedText() === '视频问诊', 'focus back on Home');
      await waitUntil(() => audio.contexts.every((c) => c.state === 'closed'), 'ringtone stopped');
      // The green key no longer answers anything.
      await press('F2');
      expect(window.location.pathname).to.equal('/tv');
    } finally {
      audio.restore();
    }
  });

  it('a call the doctor already ended: answering says so and goes nowhere', async () => {
    await tvApi(
      http.post('/api/consultations/c-ring-1/answer', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    );
    const app = await openApp('/tv');
    await pushWhenListening(ring());
    await waitUntil(() => focusedText() === '接听', '接听 focused');
    await press('Enter');
    await waitUntil(() => !screen(app, 'dah-incoming-call'), 'gone');
    await waitUntil(
      () => textOf(app.shadowRoot!.querySelector('dah-toast')).includes('医生已经挂断了'),
      'said',
    );
    expect(window.location.pathname).to.equal('/tv');
  });

  it('the incoming call at 1080p: text at least 32 px with 7:1 contrast', async () => {
    await setViewport({ width: 1920, height: 1080 });
    try {
      await tvApi();
      const app = await openApp('/tv');
      await pushWhenListening(ring(10));
      await waitUntil(() => focusedText() === '接听', '接听 focused');
      expect(textProblems(screen(app, 'dah-incoming-call')!.shadowRoot!, 32)).to.deep.equal([]);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

describe('emergency: the red key', () => {
  it('asks for the doctor on duty at once (urgent), 120 advice first, then the live place', async () => {
    const api = recorder();
    await tvApi(
      http.post('/api/queue', async ({ request }) => {
        api.note('join', await request.json());
        return HttpResponse.json(
          { ...waitingPlace, urgency: 'urgent', doctor: 'on-duty', position: 1, estimatedWaitMinutes: 2 },
          { status: 201 },
        );
      }),
    );
    const app = await openApp('/tv/settings');
    await press('F1');
    await waitForPath('/tv/emergency');
    const emergency = screen(app, 'dah-emergency-screen')!;
    await waitUntil(() => api.count('join') === 1, 'asked');
    expect(api.calls['join']).to.deep.equal([{ doctor: 'on-duty', urgency: 'urgent', reason: '' }]);
    await waitUntil(
      () => textOf(emergency).includes('已经通知值班医生。下一位就是您，大约等2分钟。'),
      'place',
    );
    await waitUntil(() => focusedText().includes('已经通知值班医生'), 'what is happening is focused');
    const paragraphs = [...emergency.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent ?? '');
    expect(paragraphs[0]).to.contain('120');
    expect(textOf(emergency)).to.contain('坐下或躺下');
    await pushWhenListening({
      type: 'queue',
      place: { ...waitingPlace, urgency: 'urgent', doctor: 'on-duty', position: 1, estimatedWaitMinutes: 0 },
    });
    await waitUntil(() => textOf(emergency).includes('下一位就是您，医生马上就来。'), 'live');
    // Pressing red again does not ask twice.
    await press('F1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.count('join')).to.equal(1);
  });

  it('says it while calling, and a failure offers to try again', async () => {
    let attempts = 0;
    await tvApi(
      http.post('/api/queue', () => {
        attempts += 1;
        return attempts === 1
          ? HttpResponse.error()
          : HttpResponse.json({ ...waitingPlace, urgency: 'urgent', doctor: 'on-duty', position: 1 });
      }),
    );
    const app = await openApp('/tv');
    await press('F1');
    await waitForPath('/tv/emergency');
    const emergency = screen(app, 'dah-emergency-screen')!;
    await waitUntil(() => textOf(emergency).includes('连接不上服务器'), 'error said');
    await waitUntil(() => focusedText() === '再试一次', 'retry focused');
    expect(textOf(emergency)).to.contain('120');
    await press('Enter');
    await waitUntil(() => textOf(emergency).includes('已经通知值班医生'), 'asked');
    expect(attempts).to.equal(2);
  });

  it('cancelling asks first, then leaves the queue', async () => {
    const api = recorder();
    await tvApi(
      http.post('/api/queue', () =>
        HttpResponse.json({ ...waitingPlace, urgency: 'urgent', doctor: 'on-duty', position: 1 }),
      ),
      http.delete('/api/queue/mine', () => {
        api.note('leave');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const app = await openApp('/tv/emergency');
    await waitUntil(() => focusedText().includes('已经通知值班医生'), 'status focused');
    await press('ArrowDown');
    expect(focusedText()).to.equal('取消呼叫');
    await press('Enter');
    await waitUntil(
      () => textOf(app.shadowRoot!.querySelector('dah-dialog')).includes('要取消紧急呼叫吗'),
      'asked',
    );
    expect(focusedText()).to.equal('不取消');
    await press('ArrowRight');
    await press('Enter');
    await waitForPath('/tv');
    expect(api.count('leave')).to.equal(1);
  });

  it('at 1080p: text at least 32 px with 7:1 contrast; Back goes Home in one press', async () => {
    await setViewport({ width: 1920, height: 1080 });
    try {
      await tvApi();
      const app = await openApp('/tv/emergency');
      await waitUntil(() => focusedText().includes('值班医生'), 'status focused');
      expect(textProblems(app.shadowRoot!, 32)).to.deep.equal([]);
      expect(await unreachedWithArrows(app.shadowRoot!.querySelector('.surface')!)).to.deep.equal([]);
      await press('Escape');
      await waitForPath('/tv');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

describe('after the call: the summary', () => {
  const summary = {
    diagnosis: '血压控制得还可以。',
    advice: '继续每天早上吃一片药，少吃咸菜。\n下周再量一次血压。',
  };
  const ended = {
    ...detail,
    id: 'c-end-1',
    status: 'ended',
    summary,
    endedAt: '2025-03-01T08:20:00.000Z',
  };

  it("the 'ended' event opens the summary in large text; 返回首页 goes Home", async () => {
    await tvApi(http.get('/api/consultations/c-end-1', () => HttpResponse.json(ended)));
    const app = await openApp('/tv');
    await pushWhenListening({ type: 'ended', consultationId: 'c-end-1', summary });
    await waitForPath('/tv/summary/c-end-1');
    const view = screen(app, 'dah-summary-screen')!;
    await waitUntil(() => textOf(view).includes('张伟医生（柳树村卫生室）'), 'loaded');
    expect(textOf(view)).to.contain('血压控制得还可以。');
    expect(textOf(view)).to.contain('少吃咸菜');
    await waitUntil(() => focusedText() === '血压控制得还可以。', 'the diagnosis is focused (read aloud)');
    const note = view.shadowRoot!.querySelector('.note')!;
    expect(parseFloat(getComputedStyle(note).fontSize)).to.be.at.least(
      parseFloat(getComputedStyle(view.shadowRoot!.querySelector('h2')!).fontSize),
    );
    await press('ArrowDown');
    expect(focusedText()).to.contain('少吃咸菜');
    await press('ArrowDown');
    expect(focusedText()).to.equal('返回首页');
    await press('Enter');
    await waitForPath('/tv');
  });

  it('by deep link it loads from the API; what the event carried shows even when loading fails', async () => {
    await tvApi(http.get('/api/consultations/c-end-1', () => HttpResponse.json(ended)));
    let app = await openApp('/tv/summary/c-end-1');
    await waitUntil(() => textOf(screen(app, 'dah-summary-screen')).includes('下周再量一次血压'), 'loaded');
    await press('Escape');
    await waitForPath('/tv');

    await tvApi(http.get('/api/consultations/c-end-1', () => HttpResponse.error()));
    app = await openApp('/tv');
    await pushWhenListening({ type: 'ended', consultationId: 'c-end-1', summary });
    await waitForPath('/tv/summary/c-end-1');
    await waitUntil(() => textOf(screen(app, 'dah-summary-screen')).includes('血压控制得还可以。'), 'pushed');
  });

  it('我的健康档案 lists past consultations; each opens its summary', async () => {
    // The record's summary lists the ended consultations (a scheduled one is not a past one).
    const past = {
      id: 'c-end-1',
      reason: '头晕',
      doctor: caller,
      endedAt: '2026-12-01T02:00:00.000Z',
      summary: null,
    };
    await tvApi(
      http.get('/api/patients/res-a/summary', () =>
        HttpResponse.json({ ...wangSummary, consultations: [past] }),
      ),
      http.get('/api/consultations/c-end-1', () => HttpResponse.json(ended)),
    );
    const app = await openApp('/tv/record');
    const record = screen(app, 'dah-record-screen')!;
    await waitUntil(() => record.shadowRoot?.querySelector('[data-focus-key=page-consultations]'), 'record');
    record.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=page-consultations]')!.click();
    await waitUntil(() => textOf(record).includes('张伟医生：头晕'), 'past consultations');
    record.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=summary-c-end-1]')!.focus();
    await press('Enter');
    await waitForPath('/tv/summary/c-end-1');
    await waitUntil(
      () => textOf(screen(app, 'dah-summary-screen')).includes('血压控制得还可以。'),
      'summary',
    );
  });

  it('at 1080p: text at least 32 px with 7:1 contrast, everything reachable', async () => {
    await setViewport({ width: 1920, height: 1080 });
    try {
      await tvApi(http.get('/api/consultations/c-end-1', () => HttpResponse.json(ended)));
      const app = await openApp('/tv/summary/c-end-1');
      await waitUntil(() => focusedText() === '血压控制得还可以。', 'diagnosis focused');
      expect(textProblems(app.shadowRoot!, 32)).to.deep.equal([]);
      expect(await unreachedWithArrows(app.shadowRoot!.querySelector('.surface')!)).to.deep.equal([]);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
