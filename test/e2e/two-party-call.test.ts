import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  builtClient,
  contextSignedInAs,
  expectVideoDecoding,
  launchChromium,
  remoteAudioLive,
} from '../support/browser.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

const RESIDENT = 'res-wang-xiuying';
const DOCTOR = 'dr-zhang-wei';
const CONSULTATION = 'c-demo-wang';

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

async function open(session: ApiSession, surface: string): Promise<Page> {
  // A context per person: separate cookies, like two different devices.
  const page = await (await contextSignedInAs(browser, session)).newPage();
  await page.goto(`${stack.api.url}/${surface}/call/${CONSULTATION}`);
  return page;
}

test('resident on the TV and doctor on the console see and hear each other through LiveKit', async () => {
  const doctor = await signIn(stack, 'zhangwei');
  const tvSession = await pairDevice(stack, doctor, { kind: 'tv', residentId: RESIDENT });
  const [tv, console] = await Promise.all([open(tvSession, 'tv'), open(doctor, 'console')]);

  const [doctorOnTv, residentOnConsole] = await Promise.all([
    expectVideoDecoding(tv.locator(`video[data-remote-identity="${DOCTOR}"]`)),
    expectVideoDecoding(console.locator(`video[data-remote-identity="${RESIDENT}"]`)),
  ]);
  assert.ok(doctorOnTv.width > 0 && doctorOnTv.frames >= 5, 'the TV decodes the doctor’s video');
  assert.ok(
    residentOnConsole.width > 0 && residentOnConsole.frames >= 5,
    'the console decodes the resident’s video',
  );

  assert.equal(await remoteAudioLive(tv, DOCTOR), true, 'the TV receives the doctor’s audio');
  assert.equal(await remoteAudioLive(console, RESIDENT), true, 'the console receives the resident’s audio');

  // Both really are in the consultation's room on the server, under their own identities.
  const participants = await stack.api.livekit.rooms.listParticipants(`consultation-${CONSULTATION}`);
  assert.deepEqual(participants.map((p) => p.identity).sort(), [DOCTOR, RESIDENT].sort());
});
