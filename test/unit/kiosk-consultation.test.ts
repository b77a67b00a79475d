import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import { directoryOf, partyInfo, roleWords } from '../../src/app/call/call-model.js';
import { CallScreen } from '../../src/app/call/call-screen.js';
import { KioskIdleController } from '../../src/app/identity/kiosk-idle.js';
import { ConsultationPlace } from '../../src/app/consultations/consultation-place.js';
import { kioskJoinOutcome, kioskOriginWords } from '../../src/app/consultations/kiosk-rules.js';
import { matchRoute, parentOf, pathFor } from '../../src/app/router/routes.js';
import type { QueuePlace } from '../../src/shared/consultations/schemas.js';
import { STAFF_IDLE_MS } from '../../src/shared/roles.js';
import { FakeCall } from './support/fake-call.js';
import { composedElements, textProblems } from './support/screen-checks.js';
import { focusedText, openApp, textOf, waitForPath } from './support/app.js';
import { pushEvent, pushWhenListening } from './support/msw.js';
import { kioskWithoutStaff } from './support/sessions.js';
import { detail, kioskApi, kioskToken, notWaiting, origin, placeFor, sun, zhao } from './support/kiosk.js';

// The care-home kiosk with a nurse signed in: pick a resident, ask a doctor for them, wait (in
// words, live, surviving a reload), go into the call when admitted, read the summary, back to the
// resident list. The API is msw; the call screen stops at its door (no token).

/** The settings a kiosk keeps: the pre-call check passed a minute ago (not asked again). */
function checkPassedRecently(): void {
  window.localStorage.setItem(
    'dah.settings',
    JSON.stringify({ precheckPassedAt: new Date(Date.now() - 60_000).toISOString() }),
  );
}

/** A button anywhere in the app (shadow roots included) whose words start with `words`. */
function button(app: AppRoot, words: string): HTMLButtonElement | null {
  return (
    (composedElements(app.shadowRoot!).find(
      (e) => e instanceof HTMLButtonElement && (e.textContent ?? '').trim().startsWith(words),
    ) as HTMLButtonElement | undefined) ?? null
  );
}

async function tap(app: AppRoot, words: string): Promise<void> {
  await waitUntil(() => button(app, words), `a button “${words}”`);
  button(app, words)!.click();
}

const realSessionFactory = CallScreen.createSession;

afterEach(() => {
  window.localStorage.removeItem('dah.settings');
  ConsultationPlace.admittedPauseMs = 1500;
  CallScreen.createSession = realSessionFactory;
});

describe('kiosk consultations: routes and words', () => {
  it('the kiosk’s screens have deep links one level below its resident list', () => {
    expect(matchRoute('/kiosk/consult/res-z')).to.deep.equal({
      screen: 'consult',
      surface: 'kiosk',
      patientId: 'res-z',
    });
    expect(matchRoute('/kiosk/waiting')).to.deep.equal({ screen: 'waiting', surface: 'kiosk' });
    expect(matchRoute('/kiosk/summary/c-k1')).to.deep.equal({
      screen: 'summary',
      surface: 'kiosk',
      consultationId: 'c-k1',
    });
    for (const path of [
      '/kiosk/consult/res-z',
      '/kiosk/waiting',
      '/kiosk/summary/c-k1',
      '/kiosk/call/c-k1',
    ]) {
      expect(pathFor(matchRoute(path)!)).to.equal(path);
      expect(parentOf(matchRoute(path)!)).to.equal('/kiosk');
    }
    expect(pathFor(matchRoute('/tv/consult')!)).to.equal('/tv/consult');
    expect(matchRoute('/tv/consult/res-z')).to.equal(null);
    expect(matchRoute('/kiosk/consult/RES')).to.equal(null);
    expect(matchRoute('/console/waiting')).to.equal(null);
  });

  it('what came of a request, read from the waiting room', () => {
    expect(kioskJoinOutcome('res-z', true, placeFor(zhao), null)).to.deep.equal({ kind: 'waiting' });
    expect(kioskJoinOutcome('res-z', true, placeFor(sun), null)).to.deep.equal({
      kind: 'kiosk-busy',
      waitingFor: '孙富贵',
    });
    // In a call with another resident is busy too.
    expect(
      kioskJoinOutcome('res-z', false, placeFor(sun, { status: 'admitted', consultationId: 'c-1' }), null)
        .kind,
    ).to.equal('kiosk-busy');
    expect(kioskJoinOutcome('res-z', false, null, null)).to.deep.equal({ kind: 'resident-busy' });
    expect(kioskJoinOutcome('res-z', false, null, '连接不上服务器。')).to.deep.equal({
      kind: 'failed',
      message: '连接不上服务器。',
    });
  });

  it('the doctor recognises the kiosk in the call: the resident’s name, where, and with which nurse', () => {
    expect(kioskOriginWords(origin)).to.equal('在东河镇敬老院，护理员马丽陪同');
    expect(kioskOriginWords({ ...origin, staff: null })).to.equal('在东河镇敬老院的终端上');
    const directory = directoryOf(detail);
    // The kiosk's token carries the care home's name; the directory says who is in front of it.
    const kiosk = partyInfo({ identity: 'dev-k', name: '东河镇敬老院' }, directory);
    expect(kiosk).to.deep.equal({
      identity: 'dev-k',
      name: '赵桂兰',
      role: 'kiosk',
      detail: '在东河镇敬老院，护理员马丽陪同',
    });
    expect(roleWords(kiosk)).to.equal('在东河镇敬老院，护理员马丽陪同');
    expect(roleWords({ role: 'kiosk', detail: '' })).to.equal('养老院');
    // Someone else's token name is still theirs.
    expect(partyInfo({ identity: 'dr-l', name: '李芳医生' }, directory).name).to.equal('李芳医生');
  });
});

describe('kiosk consultations: the nurse asks a doctor for a resident', () => {
  it('pick a resident → choose the doctor → the waiting room in words, live → admitted → the call', async () => {
    checkPassedRecently();
    ConsultationPlace.admittedPauseMs = 0;
    const joins: unknown[] = [];
    let place: QueuePlace | null = null;
    await kioskApi(
      http.get('/api/queue/mine', () => (place ? HttpResponse.json(place) : notWaiting())),
      http.post('/api/queue', async ({ request }) => {
        joins.push(await request.json());
        place = placeFor(zhao);
        return HttpResponse.json(place, { status: 201 });
      }),
      http.post('/api/queue/mine/heartbeat', () => HttpResponse.json(place)),
      http.post('/api/calls/token', () => {
        tokenRequests += 1;
        return HttpResponse.json(kioskToken);
      }),
    );
    let tokenRequests = 0;
    const session = new FakeCall();
    CallScreen.createSession = () => session;
    const app = await openApp('/kiosk');
    const home = app.shadowRoot!.querySelector('dah-kiosk-home')!;
    await waitUntil(() => textOf(home).includes('本院居民'), 'the residents');
    await waitUntil(() => focusedText().includes('赵桂兰'), 'the first resident focused');
    // The red key calls for help only on a resident's own TV: the kiosk's legend does not offer it.
    expect(app.shadowRoot!.querySelector('footer')!.textContent).to.contain('黄色键：帮助');
    expect(app.shadowRoot!.querySelector('footer')!.textContent).to.not.contain('红色键');
    await tap(app, '赵桂兰');
    await waitForPath('/kiosk/consult/res-z');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-kiosk-consult'), 'dah-kiosk-consult');
    const consult = app.shadowRoot!.querySelector('dah-kiosk-consult')!;
    await waitUntil(() => textOf(consult).includes('为赵桂兰请医生视频问诊'), 'the resident by name');
    expect(textOf(consult)).to.contain('李芳（东河镇卫生院）');
    const reason = consult.shadowRoot!.querySelector('input')!;
    reason.value = '血糖偏高 ';
    reason.dispatchEvent(new Event('input'));
    await tap(app, '家庭医生');
    await waitForPath('/kiosk/waiting');
    expect(joins).to.deep.equal([
      { doctor: 'family', patientId: 'res-z', urgency: 'routine', reason: '血糖偏高' },
    ]);
    await waitUntil(() => app.shadowRoot!.querySelector('dah-kiosk-waiting'), 'dah-kiosk-waiting');
    const waiting = app.shadowRoot!.querySelector('dah-kiosk-waiting')!;
    await waitUntil(() => textOf(waiting).includes('前面还有2位，大约等16分钟。'), 'the place in words');
    expect(textOf(waiting)).to.contain('正在为赵桂兰请医生视频问诊。');
    expect(textOf(waiting)).to.contain('在等家庭医生。');
    expect(textProblems(waiting.shadowRoot!, 32 * (window.innerHeight / 1080))).to.deep.equal([]);
    expect(button(app, '取消排队')).to.not.equal(null);
    // Live: the place moves up.
    place = placeFor(zhao, { position: 1, estimatedWaitMinutes: 0 });
    await pushWhenListening({ type: 'queue', place });
    await waitUntil(() => textOf(waiting).includes('下一位就是您，医生马上就来。'), 'moved up');
    // Admitted: into the call, which asks for the consultation and its token.
    place = placeFor(zhao, {
      status: 'admitted',
      position: 1,
      estimatedWaitMinutes: 0,
      consultationId: 'c-k1',
    });
    ConsultationPlace.admittedPauseMs = 400;
    pushEvent({ type: 'queue', place });
    // The token is asked for while 医生来了 shows, before the call opens.
    await waitUntil(() => tokenRequests === 1, 'token asked on admission');
    expect(window.location.pathname).to.equal('/kiosk/waiting');
    await waitForPath('/kiosk/call/c-k1');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-call-screen'), 'dah-call-screen');
    const call = app.shadowRoot!.querySelector('dah-call-screen')!;
    expect(call.surface).to.equal('kiosk');
    // Asked once: the call joined with the token asked for on admission.
    await waitUntil(() => session.joins.length === 1, 'joined');
    expect(session.joins[0]!.room).to.equal('consultation-c-k1');
    expect(tokenRequests).to.equal(1);
  });

  it('urgent goes to the doctor on duty; the big text passes the size and contrast checks', async () => {
    checkPassedRecently();
    const joins: unknown[] = [];
    await kioskApi(
      http.post('/api/queue', async ({ request }) => {
        joins.push(await request.json());
        return HttpResponse.json(placeFor(zhao, { urgency: 'urgent', doctor: 'on-duty', position: 1 }), {
          status: 201,
        });
      }),
    );
    const app = await openApp('/kiosk/consult/res-z');
    const consult = app.shadowRoot!.querySelector('dah-kiosk-consult')!;
    expect(textProblems(consult.shadowRoot!, 32 * (window.innerHeight / 1080))).to.deep.equal([]);
    await tap(app, '情况紧急');
    await waitUntil(() => !button(app, '家庭医生'), 'urgent: the doctor on duty only');
    await tap(app, '值班医生');
    await waitForPath('/kiosk/waiting');
    expect(joins).to.deep.equal([{ doctor: 'on-duty', patientId: 'res-z', urgency: 'urgent', reason: '' }]);
    const waiting = app.shadowRoot!.querySelector('dah-kiosk-waiting')!;
    await waitUntil(() => textOf(waiting).includes('紧急请求：值班医生都已经收到通知。'), 'urgent said');
    expect(button(app, '取消呼叫')).to.not.equal(null);
  });

  it('a reload finds the kiosk’s place: the resident list leads back to the waiting room', async () => {
    await kioskApi(http.get('/api/queue/mine', () => HttpResponse.json(placeFor(zhao))));
    window.history.replaceState(null, '', '/kiosk');
    const app = await openApp('/kiosk');
    await waitForPath('/kiosk/waiting');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-kiosk-waiting'), 'dah-kiosk-waiting');
    const waiting = app.shadowRoot!.querySelector('dah-kiosk-waiting')!;
    await waitUntil(() => textOf(waiting).includes('正在为赵桂兰请医生视频问诊。'), 'who waits');
  });

  it('one request per kiosk: another resident is refused in words, with the way back to the wait', async () => {
    checkPassedRecently();
    let mine: QueuePlace | null = null;
    await kioskApi(
      http.get('/api/queue/mine', () => (mine ? HttpResponse.json(mine) : notWaiting())),
      http.post('/api/queue', () => {
        // Another tab of the kiosk asked for 孙富贵 a moment ago.
        mine = placeFor(sun);
        return HttpResponse.json({ error: { code: 'conflict', message: 'busy' } }, { status: 409 });
      }),
    );
    const app = await openApp('/kiosk/consult/res-z');
    await tap(app, '家庭医生');
    const consult = app.shadowRoot!.querySelector('dah-kiosk-consult')!;
    await waitUntil(() => textOf(consult).includes('这台终端正在为孙富贵排队。'), 'busy said');
    expect(textOf(consult)).to.contain('再为赵桂兰找医生');
    expect(window.location.pathname).to.equal('/kiosk/consult/res-z');
    await tap(app, '回到等候页面');
    await waitForPath('/kiosk/waiting');
  });

  it('a resident already waiting elsewhere, and a failure, are said in words; nothing moves on', async () => {
    checkPassedRecently();
    let answer: 'conflict' | 'down' = 'conflict';
    await kioskApi(
      http.post('/api/queue', () =>
        answer === 'conflict'
          ? HttpResponse.json({ error: { code: 'conflict', message: 'elsewhere' } }, { status: 409 })
          : HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: 500 }),
      ),
    );
    const app = await openApp('/kiosk/consult/res-z');
    await tap(app, '家庭医生');
    const consult = app.shadowRoot!.querySelector('dah-kiosk-consult')!;
    await waitUntil(() => textOf(consult).includes('赵桂兰已经在别处排队了'), 'elsewhere said');
    answer = 'down';
    await tap(app, '再试一次');
    await waitUntil(() => textOf(consult).includes('出了点问题。请再试一次'), 'failure said');
    expect(window.location.pathname).to.equal('/kiosk/consult/res-z');
  });

  it('leaving asks first, then the resident list', async () => {
    let left = 0;
    await kioskApi(
      http.get('/api/queue/mine', () => (left ? notWaiting() : HttpResponse.json(placeFor(zhao)))),
      http.delete('/api/queue/mine', () => {
        left += 1;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const app = await openApp('/kiosk/waiting');
    await tap(app, '取消排队');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'asked');
    await tap(app, '离开');
    await waitForPath('/kiosk');
    expect(left).to.equal(1);
  });

  it('the end with a summary: the kiosk shows it, then back to the resident list', async () => {
    await kioskApi();
    const app = await openApp('/kiosk');
    await pushWhenListening({ type: 'ended', consultationId: 'c-k1', summary: detail.summary });
    await waitForPath('/kiosk/summary/c-k1');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-summary-screen'), 'dah-summary-screen');
    const summary = app.shadowRoot!.querySelector('dah-summary-screen')!;
    await waitUntil(() => textOf(summary).includes('晚饭少吃主食'), 'the advice');
    expect(textOf(summary)).to.contain('血糖偏高');
    await waitUntil(() => textOf(summary).includes('赵桂兰 ·'), 'whose summary');
    await tap(app, '回到居民名单');
    await waitForPath('/kiosk');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-kiosk-home'), 'the resident list');
  });
});

describe('kiosk left alone', () => {
  afterEach(() => {
    KioskIdleController.idleMs = STAFF_IDLE_MS;
  });

  function signOutRecorder() {
    const calls = { signOuts: 0 };
    const handler = http.delete('/api/kiosk/staff-session', () => {
      calls.signOuts += 1;
      return HttpResponse.json(kioskWithoutStaff);
    });
    return { calls, handler };
  }

  it('signs the nurse out after a while without a touch or a key: the residents leave the screen', async () => {
    KioskIdleController.idleMs = 400;
    const { calls, handler } = signOutRecorder();
    await kioskApi(
      handler,
      http.get('/api/kiosk/staff', () =>
        HttpResponse.json({ staff: [{ id: 'staff-ma-li', displayName: '马丽' }] }),
      ),
    );
    const app = await openApp('/kiosk');
    const home = app.shadowRoot!.querySelector('dah-kiosk-home')!;
    await waitUntil(() => textOf(home).includes('赵桂兰'), 'the residents');
    // Activity keeps the nurse signed in.
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      window.dispatchEvent(new PointerEvent('pointerdown'));
    }
    expect(calls.signOuts).to.equal(0);
    await waitUntil(() => app.shadowRoot!.querySelector('dah-staff-sign-in'), 'back to the staff sign-in');
    expect(calls.signOuts).to.equal(1);
    await waitUntil(
      () => textOf(app.shadowRoot!.querySelector('dah-staff-sign-in')).includes('马丽'),
      'staff',
    );
    expect(textOf(app.shadowRoot!.querySelector('main'))).to.not.contain('赵桂兰');
  });

  it('not while a resident waits for a doctor', async () => {
    KioskIdleController.idleMs = 200;
    const { calls, handler } = signOutRecorder();
    const place = placeFor(zhao);
    await kioskApi(
      handler,
      http.get('/api/queue/mine', () => HttpResponse.json(place)),
      http.post('/api/queue/mine/heartbeat', () => HttpResponse.json(place)),
    );
    const app = await openApp('/kiosk/waiting');
    await waitUntil(
      () => textOf(app.shadowRoot!.querySelector('dah-kiosk-waiting')).includes('赵桂兰'),
      'waiting',
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls.signOuts).to.equal(0);
    expect(app.shadowRoot!.querySelector('dah-staff-sign-in')).to.equal(null);
  });
});
