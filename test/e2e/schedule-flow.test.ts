// The schedule end to end on a controllable clock (issue 16 §2, §3): real Chromium pages against the
// real API and LiveKit. The API's own sweeper keeps the real clock; the test runs the schedule's
// sweep through the API's push hub and call desk with a clock it sets, as test/server/schedule-clock
// does, so the TV's live push stream hears the ring.
import { personOfIdentity } from '../../src/shared/consultations/participant.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScheduleDesk } from '../../src/server/schedule/schedule-desk.js';
import type { Appointment, HomeVisit } from '../../src/shared/schedule/schedule-schemas.js';
import { roomNameFor } from '../../src/server/consultations/consultations.js';
import { expectVideoDecoding, remoteVideo } from '../support/browser.js';
import { browserSuite } from '../support/e2e-suite.js';
import { kioskWithStaff, pairDevice, signIn, type ApiSession, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';
const ZHAO = 'res-zhao-guilan'; // 东河镇敬老院: the kiosk's resident
const DOCTOR = 'dr-zhang-wei';

let stack: TestStack;
let doctor: ApiSession;
let tvWang: ApiSession;

const { pageOf } = browserSuite(async (started) => {
  stack = started;
  doctor = await signIn(stack, 'zhangwei');
  tvWang = await pairDevice(stack, doctor, { kind: 'tv', residentId: WANG });
});

const body = async <T>(response: Response, status: number): Promise<T> => {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
};

test('a booked video consultation rings the TV at its time, says it is the appointment, and connects the doctor’s console and the TV, who see each other', async () => {
  const tv = await pageOf(tvWang, '/tv/appointments');
  // Booked on the TV by remote: OK on the focused quick choice (the family doctor by video).
  const focused = tv.locator('dah-appointments-screen button[data-focus-key="quick-video"]');
  await focused.waitFor();
  await tv.waitForFunction(() => {
    return window.__deepActive()?.getAttribute('data-focus-key') === 'quick-video';
  });
  await tv.keyboard.press('Enter');
  await tv.getByText(/已预约：/).waitFor({ timeout: 10_000 });
  const { appointments } = await body<{ appointments: Appointment[] }>(
    await tvWang.send('GET', '/api/appointments'),
    200,
  );
  const booked = appointments.find((a) => a.kind === 'video' && a.status === 'booked') as Appointment;
  // The earliest video time of her family-doctor team (张伟 or 李芳).
  assert.ok(
    [DOCTOR, 'dr-li-fang'].includes(booked.doctor?.id ?? ''),
    `a doctor of her team: ${booked.doctor?.id}`,
  );

  let now = new Date(Date.parse(booked.startsAt) - 1);
  const schedule = new ScheduleDesk(
    stack.api.db,
    stack.api.push,
    stack.api.desk,
    stack.api.logger,
    () => now,
  );
  assert.equal(await schedule.ringDueVideoAppointments(), 0, 'not a millisecond early');
  assert.equal(await tv.locator('dah-incoming-call').count(), 0);
  now = new Date(booked.startsAt);
  assert.equal(await schedule.ringDueVideoAppointments(), 1);

  const ring = tv.locator('dah-incoming-call');
  await ring.waitFor({ timeout: 15_000 });
  await ring.getByText('这是您预约的视频问诊').waitFor();
  const consultationId = (
    await body<{ appointments: Appointment[] }>(await tvWang.send('GET', '/api/appointments'), 200)
  ).appointments.find((a) => a.id === booked.id)?.consultationId;
  assert.ok(consultationId, 'the appointment names the consultation it rang');
  // The doctor whose video time it was: the console lists the rung consultation; 进入通话 joins it.
  const doctorOfSlot = booked.doctor?.id === DOCTOR ? doctor : await signIn(stack, 'lifang');
  const desk = await pageOf(doctorOfSlot, '/console', { width: 1440, height: 900 });
  await desk
    .locator('dah-console-home .booked li', { hasText: '王秀英' })
    .getByRole('button', { name: '进入通话' })
    .click();
  await desk.waitForURL(`${stack.api.url}/console/call/${consultationId}`, { timeout: 20_000 });
  // OK on 接听 answers: the TV goes into the call and is in the consultation's LiveKit room, visible.
  await tv.keyboard.press('Enter');
  await tv.waitForURL(`${stack.api.url}/tv/call/${consultationId}`, { timeout: 20_000 });
  const deadline = Date.now() + 20_000;
  let joined = false;
  while (!joined && Date.now() < deadline) {
    const participants = await stack.api.livekit.rooms
      .listParticipants(roomNameFor(consultationId))
      .catch(() => []);
    joined = participants.some(
      (p) => personOfIdentity(p.identity) === WANG && p.permission?.hidden === false,
    );
    if (!joined) await tv.waitForTimeout(200);
  }
  assert.ok(joined, 'the answered TV is in the room and visible');
  // Both see each other: each page decodes the other's camera.
  await Promise.all([
    expectVideoDecoding(remoteVideo(tv, booked.doctor?.id ?? '')),
    expectVideoDecoding(remoteVideo(desk, WANG)),
  ]);
});

test('a home visit asked for at the kiosk shows in the console and, once scheduled, on the TV', async () => {
  const kiosk = await kioskWithStaff(stack, await signIn(stack, 'zhoulei'));
  const lifang = await signIn(stack, 'lifang'); // 赵桂兰's family doctor, of 东河镇
  const tvZhao = await pairDevice(stack, lifang, { kind: 'tv', residentId: ZHAO });

  // The kiosk: 赵桂兰's page → 申请护士上门 → a reason → a half-day.
  const kioskPage = await pageOf(kiosk, '/kiosk');
  await kioskPage.locator('li', { hasText: '赵桂兰' }).getByRole('button').first().click();
  await kioskPage.getByRole('button', { name: '申请护士上门' }).click();
  await kioskPage.waitForURL(`${stack.api.url}/kiosk/home-visit/${ZHAO}`);
  await kioskPage.getByRole('button', { name: '打针' }).click();
  await kioskPage.locator('dah-home-visit-request button[data-focus-key$="-morning"]').first().click();
  await kioskPage.getByText(/已申请：打针/).waitFor({ timeout: 10_000 });

  // The console: the request is listed; Li Fang assigns a nurse of the team and schedules it.
  const desk = await pageOf(lifang, '/console/schedule', { width: 1440, height: 900 });
  const item = desk.locator('dah-console-home-visits li', { hasText: '赵桂兰' });
  await item.waitFor({ timeout: 15_000 });
  await item.getByText(/打针/).waitFor();
  const assignee = item.locator('select[name="assignee"]');
  await assignee.locator('option', { hasText: '护士' }).first().waitFor({ state: 'attached' });
  const nurseId = await assignee.locator('option', { hasText: '护士' }).first().getAttribute('value');
  await assignee.selectOption(nurseId as string);
  await item.getByRole('button', { name: '安排上门' }).click();
  await item.getByRole('button', { name: '已上门，保存记录' }).waitFor({ timeout: 10_000 });

  // The TV: who comes when, in words.
  const tv = await pageOf(tvZhao, '/tv/appointments');
  const scheduled = (
    await body<{ homeVisits: HomeVisit[] }>(await tvZhao.send('GET', '/api/home-visits'), 200)
  ).homeVisits.find((v) => v.status === 'scheduled' && v.reason === 'injection') as HomeVisit;
  assert.equal(scheduled.assignee?.id, nurseId);
  await tv
    .locator('dah-appointments-screen li', { hasText: `打针：${scheduled.assignee?.displayName}` })
    .getByText(/将于.*9:00-10:00上门/)
    .waitFor({ timeout: 10_000 });

  // Done, with the nurse's note: it lands in the record.
  await item.locator('textarea[name="note"]').fill('臀部肌注，无不适');
  await item.getByRole('button', { name: '已上门，保存记录' }).click();
  await desk
    .locator('dah-console-home-visits li', { hasText: '臀部肌注，无不适' })
    .waitFor({ timeout: 10_000 });
  const record = await body<{ homeVisits: HomeVisit[] }>(
    await tvZhao.send('GET', `/api/patients/${ZHAO}/summary`),
    200,
  );
  assert.ok(record.homeVisits.some((v) => v.id === scheduled.id && v.visitNote === '臀部肌注，无不适'));
});
