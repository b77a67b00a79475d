// Fault injection end to end (issue 18 §6): LiveKit restarted (SIGTERM, as for an update) during a
// call, two-way (TV and the doctor's console) and three-way (with an invited specialist on their
// console). Every client shows 'reconnecting' in words while LiveKit is away and is back in the
// call by itself, with no key press: a side that heard LiveKit's goodbye (SERVER_SHUTDOWN) takes
// a fresh token and joins the room the API makes again (app/call/call-rejoin.ts); one that did not
// reconnects with livekit-client's own retries into the room livekit/livekit-watch.ts made again.
// Every side sees every other side's video again within 10 s of LiveKit answering again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  builtClient,
  contextSignedInAs,
  expectVideoDecoding,
  launchChromium,
  remoteVideo,
} from '../support/browser.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

const RESIDENT = 'res-wang-xiuying';
const DOCTOR = 'dr-zhang-wei';
const SPECIALIST = 'sp-liu-yan';
const CONSULTATION = 'c-demo-wang';
const BACK_WITHIN_MS = 10_000;

let stack: TestStack;
let browser: Browser;
before(async () => {
  stack = await startStack({ staticDir: builtClient() });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Client {
  who: string;
  identity: string;
  context: BrowserContext;
  page: Page;
}

async function open(session: ApiSession, surface: string, who: string, identity: string): Promise<Client> {
  const context = await contextSignedInAs(browser, session);
  const page = await context.newPage();
  await page.goto(`${stack.api.url}/${surface}/call/${CONSULTATION}`);
  return { who, identity, context, page };
}

const callIn = (page: Page, state: string, timeout: number) =>
  page.waitForSelector(`dah-call-screen[data-state="${state}"]`, { state: 'attached', timeout });

/** Every client decodes every other client's video. */
async function allSeeEachOther(clients: Client[], timeoutMs = 20_000): Promise<void> {
  await Promise.all(
    clients.flatMap((viewer) =>
      clients
        .filter((other) => other !== viewer)
        .map((other) =>
          expectVideoDecoding(remoteVideo(viewer.page, other.identity), 5, timeoutMs).catch(
            (error: Error) => {
              throw new Error(`${viewer.who} does not see ${other.who}: ${error.message}`);
            },
          ),
        ),
    ),
  );
}

/** Records every state the call screen goes through from now on (window.__callStates). */
async function recordStates(page: Page): Promise<void> {
  // The call screen is inside the app's shadow roots: the locator finds it there.
  await page.locator('dah-call-screen').evaluate((screen) => {
    const seen: string[] = [];
    (window as unknown as { __callStates: string[] }).__callStates = seen;
    // Inline anonymous functions only (tsx's keepNames: see expectVideoDecoding in support/browser.ts).
    seen.push(screen.getAttribute('data-state') ?? 'none');
    new MutationObserver(() => {
      const state = screen.getAttribute('data-state') ?? 'none';
      if (seen[seen.length - 1] !== state) seen.push(state);
    }).observe(screen, { attributes: true, attributeFilter: ['data-state'] });
  });
}

const statesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __callStates: string[] }).__callStates);

/**
 * Restarts LiveKit under the clients' call: each says 网络不稳定，正在重新连接… while it is away and
 * is back in the call, seeing everyone, within 10 s of it answering again, with no key pressed.
 */
async function restartUnder(clients: Client[]): Promise<number> {
  await Promise.all(clients.map((client) => recordStates(client.page)));
  await stack.restartLiveKit(async () => {
    await Promise.all(
      clients.map(async ({ who, page }) => {
        await callIn(page, 'reconnecting', 10_000).catch(async (error: Error) => {
          throw new Error(
            `${who} never said reconnecting (${(await statesOf(page)).join(' → ')}): ${error.message}`,
          );
        });
        assert.match(
          (await page.locator('dah-call-screen [data-reconnecting]').textContent()) ?? '',
          /网络不稳定，正在重新连接…/,
          `${who} says it is reconnecting in words`,
        );
      }),
    );
  });
  const backAt = Date.now();
  await Promise.all(
    clients.map(({ who, page }) =>
      callIn(page, 'connected', BACK_WITHIN_MS).catch(async (error: Error) => {
        throw new Error(
          `${who} not back in the call (${(await statesOf(page)).join(' → ')}; it says ${(
            await page.locator('dah-call-screen').evaluate((screen) => screen.shadowRoot?.textContent ?? '')
          ).replace(/\s+/g, ' ')}): ${error.message}`,
        );
      }),
    ),
  );
  await allSeeEachOther(clients, Math.max(1000, BACK_WITHIN_MS - (Date.now() - backAt)));
  const backMs = Date.now() - backAt;
  assert.ok(backMs <= BACK_WITHIN_MS, `everyone sees everyone again within 10 s (took ${backMs} ms)`);
  for (const { who, page } of clients) {
    const states = await statesOf(page);
    assert.ok(states.includes('reconnecting'), `${who} went through reconnecting: ${states.join(' → ')}`);
    assert.ok(
      !states.includes('ended') && !states.includes('failed'),
      `${who} never left the call (no 再试一次 to press): ${states.join(' → ')}`,
    );
    assert.equal(await page.locator('dah-call-screen').getByRole('button', { name: '再试一次' }).count(), 0);
  }
  return backMs;
}

async function closeAll(clients: Client[]): Promise<void> {
  await Promise.all(clients.map((client) => client.context.close()));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const people = await stack.api.livekit.rooms
      .listParticipants(`consultation-${CONSULTATION}`)
      .catch(() => []);
    if (people.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test(
  'LiveKit restarted during a TV–console call: both say reconnecting and are back, seeing each other, within 10 s with no key press',
  { timeout: 180_000 },
  async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const tvSession = await pairDevice(stack, doctor, { kind: 'tv', residentId: RESIDENT });
    const clients = await Promise.all([
      open(tvSession, 'tv', 'the TV', RESIDENT),
      open(doctor, 'console', 'the doctor', DOCTOR),
    ]);
    try {
      await allSeeEachOther(clients);
      const backMs = await restartUnder(clients);
      console.log(
        `# LiveKit restarted (two-way): both back in the call ${backMs} ms after it answered again`,
      );
    } finally {
      await closeAll(clients);
    }
  },
);

test(
  'LiveKit restarted during a three-way call (TV, doctor, invited specialist): each says reconnecting and all see each other again within 10 s with no key press',
  { timeout: 240_000 },
  async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const tvSession = await pairDevice(stack, doctor, { kind: 'tv', residentId: RESIDENT });
    const invited = await doctor.send('POST', `/api/consultations/${CONSULTATION}/invitations`, {
      specialistId: SPECIALIST,
    });
    assert.equal(invited.status, 201, await invited.clone().text());
    const { id } = (await invited.json()) as { id: string };
    const specialist = await signIn(stack, 'liuyan');
    const accepted = await specialist.send('POST', `/api/invitations/${id}/accept`);
    assert.equal(accepted.status, 200, await accepted.clone().text());
    const clients = await Promise.all([
      open(tvSession, 'tv', 'the TV', RESIDENT),
      open(doctor, 'console', 'the doctor', DOCTOR),
      open(specialist, 'console', 'the specialist', SPECIALIST),
    ]);
    try {
      await allSeeEachOther(clients);
      await callIn(clients[0]!.page, 'connected', 10_000);
      const backMs = await restartUnder(clients);
      assert.equal(
        await clients[0]!.page.locator('dah-call-screen').getAttribute('data-layout'),
        'side-by-side',
      );
      console.log(
        `# LiveKit restarted (three-way): all back in the call ${backMs} ms after it answered again`,
      );
    } finally {
      await closeAll(clients);
    }
  },
);
