import { setViewport } from '@web/test-runner-commands';
import { openApp } from './support/app.js';
import { useFakeCalls } from './support/fake-call.js';
import { KIOSK_VIEWPORTS, expectTouchAndText, resetScreen, steady } from './support/kiosk-checks.js';
import { doctorJoins, screensOf, surfaceApi } from './support/surfaces.js';

// Issue 17: the kiosk's screens get every check the TV's have, on a whole care home's list (150
// residents). Here, by touch: every control a target at least 60 CSS px at 1080p that a finger's
// tap lands on, and 10-foot text with 7:1 contrast, at 720p and 1080p, both languages, every text
// size (support/kiosk-checks.ts). By remote: kiosk-remote.test.ts. A self-service visit's screens
// while it lasts, and the QR card's states: kiosk-visit-screens.test.ts. axe-core and the
// screenshots: test/e2e/tv-screens.test.ts and test/e2e/kiosk-self-service.test.ts, against the real API.

describe('kiosk screens by touch, signed in as staff, a whole care home in the list', () => {
  // The call screen is checked in a live call, the doctor in it (support/surfaces.ts).
  const sessions = useFakeCalls();
  after(resetScreen);

  for (const screen of screensOf('kiosk')) {
    for (const { width, height } of KIOSK_VIEWPORTS) {
      it(`${screen.path} at ${width}x${height}: by touch, every control a target a finger lands on; 10-foot text, 7:1`, async function () {
        this.timeout(60_000);
        await setViewport({ width, height });
        await surfaceApi('kiosk', screen.screen);
        const app = await openApp(screen.path);
        if (screen.screen === 'call') await doctorJoins(sessions);
        await steady(app);
        await expectTouchAndText(app, height, screen.path);
      });
    }
  }
});
