import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import { KioskIdleController } from '../../src/app/identity/kiosk-idle.js';
import { STAFF_IDLE_MS } from '../../src/shared/roles.js';
import { openApp, textOf, waitForPath } from './support/app.js';
import { deleteOutbox, tap, tapDigits } from './support/kiosk-input.js';
import { kioskApiWithCareHome } from './support/kiosk.js';
import { recorder } from './support/msw.js';
import { composedElements } from './support/screen-checks.js';
import { kioskWithoutStaff } from './support/sessions.js';

// Issue 14 §4 and §8: the care home's network is down during the morning round, the nurse is
// signed out (idle) before the kiosk's outbox has sent her readings; when the network is back they
// are delivered, each naming her (the API then judges them by her shift: access/readings.ts), and
// counted as sent, none set aside as refused.

/** A reading by touch, once the pad asks the high pressure. */
async function tapReading(app: AppRoot, digits: string): Promise<void> {
  await waitUntil(
    () => composedElements(app.shadowRoot!).some((e) => e.getAttribute('data-field') === 'systolic'),
    'the pad asks the high pressure',
  );
  await tapDigits(app, digits);
}

/** Every write still kept in the kiosk's outbox (waiting or set aside), read from IndexedDB itself. */
function keptWrites(): Promise<{ state: string }[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('dah-outbox');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('writes', 'readonly').objectStore('writes').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result as { state: string }[]);
      };
      all.onerror = () => reject(all.error);
    };
  });
}

interface Posted {
  id: string;
  patientId: string;
  takenAt: string;
  staffId?: string;
}

beforeEach(deleteOutbox);
afterEach(() => {
  KioskIdleController.idleMs = STAFF_IDLE_MS;
});

describe('kiosk outbox across the end of a nurse’s shift', () => {
  it('readings waiting when the nurse is signed out are delivered later, as hers, and counted as sent', async () => {
    let online = false;
    let staffSignedIn = true;
    const rec = recorder();
    await kioskApiWithCareHome(
      http.post('/api/readings', async ({ request }) => {
        if (!online) return HttpResponse.error();
        const body = (await request.json()) as Posted;
        rec.note('reading', body);
        // As the API judges it: with no nurse signed in, only a write naming the shift it was taken in.
        if (!staffSignedIn && body.staffId !== 'staff-ma-li') {
          return HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 });
        }
        return HttpResponse.json(body, { status: 201 });
      }),
      http.delete('/api/kiosk/staff-session', () => {
        staffSignedIn = false;
        return HttpResponse.json(kioskWithoutStaff);
      }),
      http.get('/api/kiosk/staff', () =>
        HttpResponse.json({ staff: [{ id: 'staff-ma-li', displayName: '马丽' }] }),
      ),
    );
    const app = await openApp('/kiosk');
    const bar = () => textOf(app.shadowRoot!.querySelector('dah-status-bar'));
    await tap(app, '量血压');
    await tap(app, '赵桂兰');
    await waitForPath('/kiosk/measure/res-z');
    await tapReading(app, '14288');
    await tap(app, '确定');
    await waitUntil(
      () => textOf(app.shadowRoot!.querySelector('main')).includes('142/88 mmHg'),
      'the result',
    );
    await tap(app, '下一位');
    await waitForPath('/kiosk/measure/res-s');
    await tapReading(app, '12678');
    await tap(app, '确定');
    await waitUntil(() => bar().includes('2条测量结果等待发送'), 'two readings wait to be sent', {
      timeout: 4000,
    });
    // Left alone, the kiosk signs her out (the API is reachable for that; the readings' line is not).
    KioskIdleController.idleMs = 300;
    window.dispatchEvent(new PointerEvent('pointerdown')); // her last touch: the idle time starts now
    await waitUntil(() => app.shadowRoot!.querySelector('dah-staff-sign-in'), 'signed out', {
      timeout: 5000,
    });
    expect(staffSignedIn).to.equal(false);
    expect(rec.count('reading'), 'nothing delivered yet').to.equal(0);
    online = true;
    window.dispatchEvent(new Event('online'));
    await waitUntil(
      () => !bar().includes('等待发送') && rec.count('reading') >= 2,
      'delivered, the count gone',
      {
        timeout: 15000,
      },
    );
    const posted = rec.calls['reading'] as Posted[];
    expect(posted.map((p) => p.patientId)).to.deep.equal(['res-z', 'res-s']);
    expect(
      posted.every((p) => p.staffId === 'staff-ma-li'),
      'each names the nurse',
    ).to.equal(true);
    expect(await keptWrites(), 'none kept: none set aside as refused').to.deep.equal([]);
  });
});
