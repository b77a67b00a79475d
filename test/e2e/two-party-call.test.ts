import assert from 'node:assert/strict';
import { personOfIdentity } from '../../src/shared/consultations/participant.js';
import { after, afterEach, before, test } from 'node:test';
import { TrackSource } from 'livekit-server-sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  builtClient,
  contextSignedInAs,
  expectVideoDecoding,
  launchChromium,
  remoteAudioLive,
  remoteVideo,
} from '../support/browser.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

const RESIDENT = 'res-wang-xiuying';
const DOCTOR = 'dr-zhang-wei';
const SPECIALIST = 'sp-liu-yan';
const CONSULTATION = 'c-demo-wang';

let stack: TestStack;
/** The resident's TV. */
let browser: Browser;
/**
 * The clinicians' computers: a browser of their own, as in the field. In one browser every page
 * shares the one fake camera, whose format is fixed by whichever page opens it first (checked:
 * opened at 640×360 by the TV, the console's 1280×720 request got 640×480).
 */
let clinicians: Browser;

before(async () => {
  stack = await startStack({ staticDir: builtClient() });
  [browser, clinicians] = await Promise.all([launchChromium(), launchChromium()]);
});

after(async () => {
  await Promise.all([browser?.close(), clinicians?.close()]);
  await stack?.stop();
});

interface Opened {
  context: BrowserContext;
  page: Page;
}

/** What a test opened and has not closed: closed after it, pass or fail, so the next starts alone. */
const stillOpen = new Set<BrowserContext>();

afterEach(async () => {
  if (stillOpen.size === 0) return;
  await Promise.all([...stillOpen].map((context) => context.close()));
  stillOpen.clear();
  await roomIdentities(0);
});

/** A context per person: separate cookies, like two different devices. */
async function newContext(session: ApiSession, on: Browser): Promise<BrowserContext> {
  const context = await contextSignedInAs(on, session);
  stillOpen.add(context);
  context.on('close', () => stillOpen.delete(context));
  return context;
}

/** The call on the TV (`tv`) or a clinician's console (`console`). */
async function open(session: ApiSession, surface: 'tv' | 'console'): Promise<Opened> {
  const context = await newContext(session, surface === 'tv' ? browser : clinicians);
  const page = await context.newPage();
  await page.goto(`${stack.api.url}/${surface}/call/${CONSULTATION}`);
  return { context, page };
}

async function residentTv(doctor: ApiSession): Promise<ApiSession> {
  return pairDevice(stack, doctor, { kind: 'tv', residentId: RESIDENT });
}

const callScreen = (page: Page) => page.locator('dah-call-screen');

/** Waits until the call screen's data-* attribute has this value. */
async function waitForCall(page: Page, attribute: string, value: string, timeout = 20_000): Promise<void> {
  await page.waitForSelector(`dah-call-screen[data-${attribute}="${value}"]`, { state: 'attached', timeout });
}

/** Who is in the room on the server, once LiveKit has caught up with leaves. */
async function roomIdentities(expected: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const participants = await stack.api.livekit.rooms.listParticipants(`consultation-${CONSULTATION}`);
    if (participants.length === expected || Date.now() > deadline)
      return participants.map((p) => personOfIdentity(p.identity)).sort();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * `person`'s camera as LiveKit lists it: whether it is simulcast, and its layers' sizes (the
 * client announces them when it publishes).
 */
async function cameraAsPublished(person: string): Promise<{ simulcast: boolean; layers: string[] } | null> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const participants = await stack.api.livekit.rooms.listParticipants(`consultation-${CONSULTATION}`);
    const camera = participants
      .find((p) => personOfIdentity(p.identity) === person)
      ?.tracks.find((t) => t.source === TrackSource.CAMERA);
    if (camera)
      return {
        simulcast: camera.simulcast,
        layers: camera.layers.map((l) => `${l.width}x${l.height}`).sort(),
      };
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function closeAll(...opened: Opened[]): Promise<void> {
  await Promise.all(opened.map((o) => o.context.close()));
  await roomIdentities(0);
}

test('resident on the TV and doctor on the console see and hear each other through LiveKit', async () => {
  const doctor = await signIn(stack, 'zhangwei');
  const tvSession = await residentTv(doctor);
  const [tv, desk] = await Promise.all([open(tvSession, 'tv'), open(doctor, 'console')]);

  const [doctorOnTv, residentOnConsole] = await Promise.all([
    expectVideoDecoding(remoteVideo(tv.page, DOCTOR)),
    expectVideoDecoding(remoteVideo(desk.page, RESIDENT)),
  ]);
  assert.ok(doctorOnTv.width > 0 && doctorOnTv.frames >= 5, 'the TV decodes the doctor’s video');
  assert.ok(
    residentOnConsole.width > 0 && residentOnConsole.frames >= 5,
    'the console decodes the resident’s video',
  );

  assert.equal(await remoteAudioLive(tv.page, DOCTOR), true, 'the TV receives the doctor’s audio');
  assert.equal(await remoteAudioLive(desk.page, RESIDENT), true, 'the console receives the resident’s audio');

  // The TV layout: the doctor large with name and role in words, self-view small.
  await waitForCall(tv.page, 'layout', 'single');
  const doctorTile = tv.page.locator(`dah-call-screen figure[data-identity="${DOCTOR}"] figcaption`);
  await doctorTile.filter({ hasText: '医生' }).waitFor({ timeout: 10_000 });
  assert.match((await doctorTile.textContent()) ?? '', /张伟/);
  assert.equal(
    await tv.page.locator('dah-call-screen video[data-self-view]').count(),
    1,
    'self-view on the TV',
  );

  // Both really are in the consultation's room on the server, under their own identities.
  assert.deepEqual(await roomIdentities(2), [DOCTOR, RESIDENT].sort());

  // What each camera sends (call-livekit.ts cameraProfile): the TV one 640×360 stream, which the
  // console receives as it is; the console 720p with 360p and 180p simulcast layers.
  assert.deepEqual(await cameraAsPublished(RESIDENT), { simulcast: false, layers: ['640x360'] });
  assert.deepEqual(await cameraAsPublished(DOCTOR), {
    simulcast: true,
    layers: ['1280x720', '320x180', '640x360'],
  });
  assert.deepEqual(
    [residentOnConsole.width, residentOnConsole.height],
    [640, 360],
    'the console shows the TV’s one stream',
  );
  await closeAll(tv, desk);
});

test('the TV goes offline for 5 s: reconnecting is shown, and the call recovers by itself', async () => {
  const doctor = await signIn(stack, 'zhangwei');
  const tvSession = await residentTv(doctor);
  const [tv, desk] = await Promise.all([open(tvSession, 'tv'), open(doctor, 'console')]);
  const doctorVideo = remoteVideo(tv.page, DOCTOR);
  await Promise.all([
    expectVideoDecoding(doctorVideo),
    expectVideoDecoding(remoteVideo(desk.page, RESIDENT)),
  ]);

  await tv.context.setOffline(true);
  const offlineAt = Date.now();
  await waitForCall(tv.page, 'state', 'reconnecting', 5000);
  assert.match(
    (await tv.page.locator('dah-call-screen [data-reconnecting]').textContent()) ?? '',
    /网络不稳定，正在重新连接…/,
  );
  await new Promise((resolve) => setTimeout(resolve, 5000 - (Date.now() - offlineAt)));
  await tv.context.setOffline(false);
  const onlineAt = Date.now();

  await waitForCall(tv.page, 'state', 'connected', 30_000);
  const recoveredMs = Date.now() - onlineAt;
  assert.equal(
    await tv.page.locator('dah-call-screen [data-reconnecting]').count(),
    0,
    'the overlay is gone',
  );
  const again = await expectVideoDecoding(doctorVideo);
  assert.ok(again.frames >= 5, 'the TV decodes the doctor’s video again');
  await expectVideoDecoding(remoteVideo(desk.page, RESIDENT));
  assert.equal(await remoteAudioLive(tv.page, DOCTOR), true);
  // Recovered in place: still the same two, nobody joined twice.
  assert.deepEqual(await roomIdentities(2), [DOCTOR, RESIDENT].sort());
  console.log(`# offline 5 s: back to 'connected' ${recoveredMs} ms after the network returned`);
  await closeAll(tv, desk);
});

test('three-way: an invited specialist joins, the TV shows both clinicians large, and returns to two', async () => {
  const doctor = await signIn(stack, 'zhangwei');
  const tvSession = await residentTv(doctor);
  const [tv, desk] = await Promise.all([open(tvSession, 'tv'), open(doctor, 'console')]);
  await expectVideoDecoding(remoteVideo(tv.page, DOCTOR));
  await waitForCall(tv.page, 'layout', 'single');

  const invited = await doctor.send('POST', `/api/consultations/${CONSULTATION}/invitations`, {
    specialistId: SPECIALIST,
  });
  assert.equal(invited.status, 201, await invited.clone().text());
  const { id } = (await invited.json()) as { id: string };
  const specialist = await signIn(stack, 'liuyan');
  const accepted = await specialist.send('POST', `/api/invitations/${id}/accept`);
  assert.equal(accepted.status, 200, await accepted.clone().text());
  const expert = await open(specialist, 'console');

  await waitForCall(tv.page, 'layout', 'side-by-side');
  const [doctorOnTv, specialistOnTv] = await Promise.all([
    expectVideoDecoding(remoteVideo(tv.page, DOCTOR)),
    expectVideoDecoding(remoteVideo(tv.page, SPECIALIST)),
  ]);
  assert.ok(doctorOnTv.frames >= 5 && specialistOnTv.frames >= 5, 'the TV decodes both clinicians');
  // Doctor on the left, specialist on the right, each named with their role in words.
  const order = await tv.page
    .locator('dah-call-screen .main figure')
    .evaluateAll((figures) => figures.map((f) => f.getAttribute('data-identity')));
  assert.deepEqual(order, [DOCTOR, SPECIALIST]);
  await tv.page
    .locator(`dah-call-screen figure[data-identity="${SPECIALIST}"] figcaption`)
    .filter({ hasText: '专家' })
    .waitFor({ timeout: 10_000 });
  // Each clinician sees the two others.
  await Promise.all([
    expectVideoDecoding(remoteVideo(desk.page, RESIDENT)),
    expectVideoDecoding(remoteVideo(desk.page, SPECIALIST)),
    expectVideoDecoding(remoteVideo(expert.page, RESIDENT)),
    expectVideoDecoding(remoteVideo(expert.page, DOCTOR)),
  ]);
  assert.deepEqual(await roomIdentities(3), [DOCTOR, RESIDENT, SPECIALIST].sort());

  // The specialist leaves: the TV returns to the doctor alone, still decoding.
  await expert.context.close();
  await waitForCall(tv.page, 'layout', 'single', 20_000);
  assert.equal(await callScreen(tv.page).getAttribute('data-parties'), '1');
  await expectVideoDecoding(remoteVideo(tv.page, DOCTOR));
  await closeAll(tv, desk);
});

test('the doctor shares a screen: the TV shows it large, the doctor’s camera small', async () => {
  const doctor = await signIn(stack, 'zhangwei');
  const tvSession = await residentTv(doctor);
  const [tv, desk] = await Promise.all([open(tvSession, 'tv'), open(doctor, 'console')]);
  await expectVideoDecoding(remoteVideo(tv.page, DOCTOR));

  await desk.page.locator('dah-call-screen [data-focus-key="call-share"]').click();
  const share = await expectVideoDecoding(tv.page.locator(`video[data-remote-screen-identity="${DOCTOR}"]`));
  assert.ok(share.width > 0, 'the TV decodes the shared screen');
  await waitForCall(tv.page, 'layout', 'share');
  assert.equal(
    await tv.page.locator(`dah-call-screen .main video[data-remote-screen-identity="${DOCTOR}"]`).count(),
    1,
  );
  assert.equal(
    await tv.page.locator(`dah-call-screen .side video[data-remote-identity="${DOCTOR}"]`).count(),
    1,
  );

  await desk.page.locator('dah-call-screen [data-focus-key="call-share"]').click();
  await waitForCall(tv.page, 'layout', 'single');
  await closeAll(tv, desk);
});

test('a TV without a camera joins with its microphone, says so, and still sees the doctor', async () => {
  const doctor = await signIn(stack, 'zhangwei');
  const tvSession = await residentTv(doctor);
  const context = await newContext(tvSession, browser);
  // No camera at all: none listed, and asking for one fails as it does on such a TV.
  await context.addInitScript(`(() => {
    const devices = navigator.mediaDevices;
    const enumerate = devices.enumerateDevices.bind(devices);
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.enumerateDevices = () => enumerate().then((list) => list.filter((d) => d.kind !== 'videoinput'));
    devices.getUserMedia = (constraints) =>
      constraints && constraints.video
        ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
        : getUserMedia(constraints);
  })()`);
  const page = await context.newPage();
  await page.goto(`${stack.api.url}/tv/call/${CONSULTATION}`);
  const tv = { context, page };
  const desk = await open(doctor, 'console');

  await expectVideoDecoding(remoteVideo(page, DOCTOR));
  await page
    .locator('dah-call-screen [data-self]')
    .filter({ hasText: '这台电视没有摄像头，医生能听到您，看不到您' })
    .waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('dah-call-screen [data-focus-key="call-camera"]').count(), 0);
  // The doctor hears the resident, and sees words instead of a picture.
  await desk.page.locator(`audio[data-remote-audio-identity^="${RESIDENT}#"]`).waitFor({ state: 'attached' });
  assert.equal(await remoteAudioLive(desk.page, RESIDENT), true);
  await desk.page
    .locator(`dah-call-screen figure[data-identity^="${RESIDENT}#"]`)
    .filter({ hasText: '没有画面，可以听到声音' })
    .waitFor({ timeout: 10_000 });
  await closeAll(tv, desk);
});

test('audio the TV may not autoplay: a prompt, and the first key press starts it', async () => {
  const doctor = await signIn(stack, 'zhangwei');
  const tvSession = await residentTv(doctor);
  const context = await newContext(tvSession, browser);
  // Headless Chromium here plays audio whatever --autoplay-policy says (checked), so the TV
  // engine's policy is played by the page: play() on audio is refused exactly as browsers refuse
  // it (NotAllowedError) until the user pressed a key or clicked; plays after that are counted.
  await context.addInitScript(`(() => {
    let activated = false;
    window.audioPlaysAfterGesture = 0;
    window.addEventListener('keydown', () => { activated = true; }, true);
    window.addEventListener('click', () => { activated = true; }, true);
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function () {
      if (!(this instanceof HTMLAudioElement)) return play.call(this);
      if (!activated)
        return Promise.reject(new DOMException('play() needs a user gesture first', 'NotAllowedError'));
      window.audioPlaysAfterGesture += 1;
      return play.call(this);
    };
  })()`);
  const page = await context.newPage();
  await page.goto(`${stack.api.url}/tv/call/${CONSULTATION}`);
  const tv = { context, page };
  const desk = await open(doctor, 'console');

  const prompt = page.locator('dah-call-screen .banner', { hasText: '按确认键打开声音' });
  await prompt.waitFor({ timeout: 20_000 });
  await expectVideoDecoding(remoteVideo(page, DOCTOR));
  const playsAfterGesture = () =>
    page.evaluate(() => (window as unknown as { audioPlaysAfterGesture: number }).audioPlaysAfterGesture);
  assert.equal(await playsAfterGesture(), 0);
  const focused = () =>
    page.evaluate(() => {
      return window.__deepActive()?.textContent?.trim() ?? '';
    });
  const before = await focused();

  await page.keyboard.press('Enter');
  await prompt.waitFor({ state: 'detached', timeout: 10_000 });
  assert.ok((await playsAfterGesture()) >= 1, 'the key press started the audio (room.startAudio)');
  // That press only turned the sound on: the call goes on, the focused control untouched.
  assert.equal(await callScreen(page).getAttribute('data-state'), 'connected');
  assert.equal(await focused(), before);
  assert.equal(await remoteAudioLive(page, DOCTOR), true);
  await closeAll(tv, desk);
});
