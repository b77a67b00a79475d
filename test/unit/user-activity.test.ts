import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { KioskIdleController } from '../../src/app/identity/kiosk-idle.js';
import { UserActivity } from '../../src/app/input/user-activity.js';
import { STAFF_IDLE_MS } from '../../src/shared/roles.js';
import { openApp, textOf } from './support/app.js';
import { kioskApi } from './support/kiosk.js';
import { openVisitAt, visitApi } from './support/kiosk-visit.js';
import { recorder } from './support/msw.js';
import { kioskWithoutStaff } from './support/sessions.js';

// One owner of input (tv-ui.md; src/app/input): the key router announces each key and touch once
// (input/user-activity.ts), and the kiosk's idle timers (the nurse's sign-out, a self-service visit
// and its screen) subscribe to it instead of each listening to the window. That they still end
// what they should and leave nothing: kiosk-visit, kiosk-consultation, kiosk-readings.

/** The window's keydown and pointerdown listeners added from now on, by type, until `stop`. */
function windowInputListeners() {
  const added: string[] = [];
  const original = window.addEventListener;
  window.addEventListener = function (this: Window, ...args: Parameters<typeof original>) {
    if (args[0] === 'keydown' || args[0] === 'pointerdown') added.push(args[0]);
    return original.apply(this, args);
  } as typeof original;
  return { added, stop: () => (window.addEventListener = original) };
}

describe('user activity, announced once by the key router', () => {
  afterEach(() => {
    KioskIdleController.idleMs = STAFF_IDLE_MS;
  });

  it('tells every subscriber once per announcement, and no longer once it stops', () => {
    const activity = new UserActivity();
    const heard: string[] = [];
    const stopA = activity.subscribe(() => heard.push('a'));
    activity.subscribe(() => heard.push('b'));
    activity.announce();
    stopA();
    activity.announce();
    expect(heard).to.deep.equal(['a', 'b', 'b']);
  });

  it('in a self-service visit: a key and a touch are announced once each; the visit and its screen add no window listener', async () => {
    await visitApi(recorder());
    const listeners = windowInputListeners();
    try {
      const app = await openVisitAt('/kiosk/self-service');
      await waitUntil(() => textOf(app).includes('140/90 mmHg'), 'the visit’s result', { timeout: 10_000 });
      // The key router's own: keys (bubbling, and one capture listener for the scanner and the
      // person: each listener is a cost of its own on every press, bench/focus-trace.ts) and touch.
      expect(listeners.added.sort()).to.deep.equal(['keydown', 'keydown', 'pointerdown']);
      let heard = 0;
      const stop = app.activity.subscribe(() => (heard += 1));
      await sendKeys({ press: 'ArrowDown' });
      expect(heard, 'a key').to.equal(1);
      window.dispatchEvent(new PointerEvent('pointerdown'));
      expect(heard, 'a touch').to.equal(2);
      stop();
    } finally {
      listeners.stop();
    }
  });

  it('with a nurse signed in: the idle sign-out adds no window listener, and a touch announced keeps her signed in', async () => {
    KioskIdleController.idleMs = 1000;
    let signOuts = 0;
    let signedOutAt = 0;
    await kioskApi(
      http.delete('/api/kiosk/staff-session', () => {
        signOuts += 1;
        signedOutAt = performance.now();
        return HttpResponse.json(kioskWithoutStaff);
      }),
      http.get('/api/kiosk/staff', () =>
        HttpResponse.json({ staff: [{ id: 'staff-ma-li', displayName: '马丽' }] }),
      ),
    );
    const listeners = windowInputListeners();
    try {
      const app = await openApp('/kiosk');
      await waitUntil(() => textOf(app).includes('赵桂兰'), 'the residents', { timeout: 10_000 });
      expect(listeners.added.sort()).to.deep.equal(['keydown', 'keydown', 'pointerdown']);
      // Announced activity (what the key router does on a touch) restarts the nurse's time: the
      // sign-out comes a whole idle time after the last announcement before it, however slow the
      // machine (without the restart it would come an idle time after the nurse's screen opened).
      let lastAnnounced = 0;
      for (let i = 0; i < 4 && signOuts === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (signOuts === 0) {
          app.activity.announce();
          lastAnnounced = performance.now();
        }
      }
      await waitUntil(() => signOuts === 1, 'signed out once left alone', { timeout: 10_000 });
      expect(signedOutAt - lastAnnounced, 'a whole idle time after the last touch').to.be.at.least(990);
      await waitUntil(() => app.shadowRoot!.querySelector('dah-staff-sign-in'), 'the staff sign-in');
      expect(textOf(app.shadowRoot!.querySelector('main'))).to.not.contain('赵桂兰');
    } finally {
      listeners.stop();
    }
  });
});
