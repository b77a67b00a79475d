import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import { WedgeRecogniser, WEDGE_MAX_GAP_MS } from '../../src/app/input/scanner-input.js';
import { SelfServiceScreen } from '../../src/app/readings/kiosk/self-service-screen.js';
import { realClock } from '../../src/app/readings/kiosk/visit-clock.js';
import { CARD_CONTENT_LENGTH, CARD_PREFIX } from '../../src/shared/identity/card-format.js';
import { focusedElement, openApp, textOf } from './support/app.js';
import { wedgeBurst } from './support/kiosk-card.js';
import { mockApi, recorder } from './support/msw.js';
import { kioskWithoutStaff } from './support/sessions.js';

// Issue 14 §9: the family doctor's QR card at a health station's self-service kiosk. The scanner
// is a keyboard wedge (it types the card, then Enter); the key router recognises the burst before
// the ID-card pad can take its digits. Words for each state: reading, not recognised (what to do),
// revoked, too many tries.

const GOOD = `${CARD_PREFIX}${'k'.repeat(20)}3426${'Q'.repeat(19)}`;
const REVOKED = `${CARD_PREFIX}${'r'.repeat(43)}`;
const LIMITED = `${CARD_PREFIX}${'L'.repeat(43)}`;

describe('the wedge recogniser (pure)', () => {
  const feed = (r: WedgeRecogniser, keys: string[], gap: number, start = 1000) =>
    keys.map((key, i) => r.feed(key, start + i * gap));

  it('takes a fast burst with the prefix whole, Shift included, and gives the code at Enter', () => {
    const r = new WedgeRecogniser(CARD_PREFIX, CARD_CONTENT_LENGTH);
    const keys = ['Shift', ...'DAH1:'.split(''), 'Shift', ...'abc123'.split(''), 'Enter'];
    const verdicts = feed(r, keys, 8);
    expect(verdicts.slice(0, 1)).to.deep.equal(['pass']);
    expect(verdicts.slice(1, -1).every((v) => v === 'take')).to.equal(true);
    expect(verdicts.at(-1)).to.deep.equal({ code: 'DAH1:abc123' });
  });

  it('leaves a slow typist’s keys alone, even the prefix, and Enter with them', () => {
    const r = new WedgeRecogniser(CARD_PREFIX, CARD_CONTENT_LENGTH);
    const verdicts = feed(r, [...'DAH1:3426'.split(''), 'Enter'], WEDGE_MAX_GAP_MS + 50);
    // Only the first D is held back (it might start a burst); everything after passes.
    expect(verdicts[0]).to.equal('take');
    expect(verdicts.slice(1)).to.deep.equal(Array(9).fill('pass'));
  });

  it('never takes digits or remote keys that do not start with the prefix', () => {
    const r = new WedgeRecogniser(CARD_PREFIX, CARD_CONTENT_LENGTH);
    expect(feed(r, [...'34261946'.split(''), 'Enter', 'ArrowDown'], 5)).to.deep.equal(Array(10).fill('pass'));
  });

  it('drops a burst that stops, one that breaks the prefix, and one longer than a card', () => {
    const r = new WedgeRecogniser(CARD_PREFIX, CARD_CONTENT_LENGTH);
    feed(r, 'DAH1:abc'.split(''), 5);
    // The scanner stopped; a person presses Enter a second later: not a code.
    expect(r.feed('Enter', 5000)).to.equal('pass');
    expect(feed(r, ['D', 'A', 'X', 'Enter'], 5, 6000)).to.deep.equal(['take', 'take', 'pass', 'pass']);
    const long = feed(r, [...`DAH1:${'a'.repeat(60)}`.split(''), 'Enter'], 5, 7000);
    expect(long.at(-1)).to.equal('pass');
  });
});

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const screenText = (app: AppRoot) => textOf(app.shadowRoot!.querySelector('dah-self-service'));
const padFocused = () => focusedElement()?.hasAttribute('data-key') === true;

function cardApi(rec: ReturnType<typeof recorder>) {
  return mockApi(
    http.get('/api/auth/session', () => HttpResponse.json(kioskWithoutStaff)),
    http.get('/api/kiosk/staff', () => HttpResponse.json({ staff: [] })),
    http.get('/api/queue/mine', () =>
      HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
    ),
    http.post('/api/kiosk/visits/card', async ({ request }) => {
      const { card } = (await request.json()) as { card: string };
      rec.note('card', card);
      const refuse = (status: number, code: string) =>
        HttpResponse.json({ error: { code, message: '' } }, { status });
      if (card === REVOKED) return refuse(401, 'card_revoked');
      if (card === LIMITED) return refuse(429, 'too_many_attempts');
      if (card !== GOOD) return refuse(401, 'card_unknown');
      return HttpResponse.json({
        id: 'visit-card',
        patient: { id: 'res-a', displayName: '王秀英' },
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
    }),
    http.post('/api/kiosk/visits', async ({ request }) => {
      rec.note('digits', await request.json());
      return HttpResponse.json({ error: { code: 'identification_failed', message: '' } }, { status: 401 });
    }),
    http.delete('/api/kiosk/visits', () => HttpResponse.json({ ended: true })),
  );
}

/** What a wedge scanner does: the card's characters as fast key presses, then Enter. */
async function scan(text: string): Promise<void> {
  wedgeBurst(text);
  await nextFrame();
}

async function openSelfService(rec: ReturnType<typeof recorder>): Promise<AppRoot> {
  await cardApi(rec);
  const app = await openApp('/kiosk/self-service');
  await waitUntil(() => screenText(app).includes('身份证的最后4位') && padFocused(), 'the ID-card pad');
  expect(screenText(app)).to.contain('二维码对准扫描口');
  return app;
}

describe('self-service kiosk: the QR card by a wedge scanner', () => {
  it('a scanner’s burst starts the visit; the pad beside it gets none of the card’s digits', async () => {
    const rec = recorder();
    const app = await openSelfService(rec);
    await scan(GOOD);
    await waitUntil(() => screenText(app).includes('请先安静坐好休息'), 'the rest, once identified');
    expect(screenText(app)).to.contain('王秀英');
    expect(rec.calls['card']).to.deep.equal([GOOD]);
    // The card holds the digits 3426 and an Enter: had the pad seen them, it would have asked the
    // birth date or tried the digits.
    expect(rec.calls['digits']).to.equal(undefined);
  });

  it('a slow typist’s keys are not a card: the digits go to the pad as typed', async () => {
    const rec = recorder();
    const app = await openSelfService(rec);
    for (const key of ['D', 'A', 'H', '3', '4', '2', '6', 'Enter']) {
      await sendKeys({ press: key });
      // A person's rhythm: each key well after the last (slower is the same, faster is a scanner).
      await new Promise((resolve) => setTimeout(resolve, WEDGE_MAX_GAP_MS + 80));
    }
    await waitUntil(() => screenText(app).includes('出生日期'), 'the pad took 3426 and asks the birth date');
    expect(rec.calls['card']).to.equal(undefined);
  });

  it('an unknown card, a revoked card and too many tries each say what to do', async () => {
    const rec = recorder();
    const app = await openSelfService(rec);
    const cardWords = () =>
      textOf(
        app
          .shadowRoot!.querySelector('dah-self-service')!
          .shadowRoot!.querySelector('dah-kiosk-card-identify'),
      );
    await scan(`${CARD_PREFIX}${'u'.repeat(43)}`);
    await waitUntil(() => cardWords().includes('认不出来'), 'not recognised');
    expect(cardWords()).to.contain('找家庭医生重新办一张卡').and.contain('身份证的最后4位');
    await scan(REVOKED);
    await waitUntil(() => cardWords().includes('作废'), 'revoked');
    await scan(LIMITED);
    await waitUntil(() => cardWords().includes('次数太多'), 'too many tries');
    // A burst with the prefix but not a card's shape is not sent at all.
    await scan('DAH1:short');
    await waitUntil(() => cardWords().includes('认不出来'), 'a damaged card');
    expect(rec.calls['card']).to.have.length(3);
    // Still on the first step, nothing identified, nothing typed into the pad.
    expect(screenText(app)).to.contain('身份证的最后4位');
    expect(rec.calls['digits']).to.equal(undefined);
    await nextFrame();
  });

  it('a refusal goes after a minute, so the next resident finds the screen as new', async () => {
    const timers: { at: number; fn: () => void }[] = [];
    let now = 0;
    SelfServiceScreen.clock = {
      now: () => now,
      after: (ms, fn) => {
        const timer = { at: now + ms, fn };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer) >>> 0, 1);
      },
    };
    try {
      const rec = recorder();
      const app = await openSelfService(rec);
      const cardWords = () =>
        textOf(
          app
            .shadowRoot!.querySelector('dah-self-service')!
            .shadowRoot!.querySelector('dah-kiosk-card-identify'),
        );
      await scan(REVOKED);
      await waitUntil(() => cardWords().includes('作废'), 'revoked');
      now += 59_000;
      timers.filter((t) => t.at <= now).forEach((t) => t.fn());
      await nextFrame();
      expect(cardWords()).to.contain('作废');
      now += 1_000;
      timers.filter((t) => t.at <= now).forEach((t) => t.fn());
      await waitUntil(() => cardWords().includes('二维码对准扫描口'), 'ready again');
    } finally {
      SelfServiceScreen.clock = realClock;
    }
  });
});
