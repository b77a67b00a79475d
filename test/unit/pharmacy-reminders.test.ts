import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import { OutboxController } from '../../src/app/offline/outbox-controller.js';
import { ReminderController } from '../../src/app/pharmacy/reminders/reminder-controller.js';
import { focusedText, openApp, screen, textOf, tvApi, waitForPath } from './support/app.js';
import { useFakeCalls } from './support/fake-call.js';
import { pushEvent, pushWhenListening } from './support/msw.js';
import { currentAmlodipine } from './support/pharmacy.js';
import type { DoseAnswer } from '../../src/shared/pharmacy/schemas.js';

const MINUTE = 60_000;
/** The TV's clock runs three hours behind the server's: reminders must follow the server. */
const TV_CLOCK_BEHIND_MS = 3 * 60 * MINUTE;
/** Server time, Asia/Shanghai wall clock → instant (UTC+8 all year). */
const shanghai = (iso: string) => new Date(`${iso}+08:00`).getTime();

let server = 0;
const tvClock = () => server - TV_CLOCK_BEHIND_MS;
let dbCount = 0;

/** Twice a day (08:00, 20:00), 1 tablet, 10 days left; the API answers with its own time. */
function reminderApi(
  options: {
    offline?: () => boolean;
    daysLeft?: number;
    elsewhere?: DoseAnswer[];
    /** A medicine added outside the catalogue: no pack picture. */
    withoutPicture?: boolean;
  } = {},
) {
  const answers: { prescriptionId: string; scheduledAt: string; answer: string; answeredAt?: string }[] = [];
  const api = { answers, reads: 0, handlers: [] as RequestHandler[] };
  api.handlers = [
    http.get('/api/pharmacy/medicines/mine', () => {
      api.reads += 1;
      if (options.offline?.()) return HttpResponse.error();
      const m = currentAmlodipine({ daysOfSupplyLeft: options.daysLeft ?? 10 }, '2026-12-01T00:00:00.000Z');
      m.prescription.frequency = 'bid';
      if (options.withoutPicture) m.prescription.medicine = { ...m.prescription.medicine, picture: null };
      // Answers given on another TV (or recorded by staff) in the reminder window.
      return HttpResponse.json({
        medicines: [m],
        serverTime: new Date(server).toISOString(),
        answers: options.elsewhere ?? [],
      });
    }),
    http.post('/api/pharmacy/doses', async ({ request }) => {
      const body = (await request.json()) as (typeof answers)[number];
      answers.push(body);
      return HttpResponse.json({ ...body, answeredAt: new Date(server).toISOString() });
    }),
  ];
  return api;
}

const reminder = (app: AppRoot) => screen(app, 'dah-medication-reminder');
/**
 * Opens the TV and waits until it has read the schedule (or failed to) and looked once: the
 * clock moves in jumps here, and a read the jump overtook would take the jump for network delay.
 */
async function openTv(api: ReturnType<typeof reminderApi>): Promise<AppRoot> {
  const reads = api.reads;
  const app = await openApp('/tv');
  await waitUntil(() => api.reads > reads, 'the schedule read');
  await new Promise((resolve) => setTimeout(resolve, ReminderController.tickMs * 5));
  return app;
}

/** Moves the server's time (and the TV's with it) and lets the reminders look. */
async function at(iso: string): Promise<void> {
  server = shanghai(iso);
  await new Promise((resolve) => setTimeout(resolve, ReminderController.tickMs * 3));
}

describe('Medication reminders on the TV', () => {
  // A ring stands the TV by in the call's room: fake sessions, no LiveKit.
  useFakeCalls();
  let savedTick = ReminderController.tickMs;
  beforeEach(() => {
    dbCount += 1;
    OutboxController.dbName = `dah-outbox-rem-${Date.now()}-${dbCount}`;
    ReminderController.dbName = `dah-reminders-rem-${Date.now()}-${dbCount}`;
    savedTick = ReminderController.tickMs;
    ReminderController.tickMs = 20;
    ReminderController.clock = tvClock;
  });
  afterEach(() => {
    fixtureCleanup();
    ReminderController.tickMs = savedTick;
    ReminderController.clock = () => Date.now();
  });

  it('fires at dose time by the server clock, 稍后提醒 brings it back in 15 minutes, 已服药 ends it for good', async () => {
    const api = reminderApi();
    server = shanghai('2026-12-04T19:50:00');
    await tvApi(...api.handlers);
    const app = await openTv(api);
    await at('2026-12-04T19:59:00');
    expect(reminder(app), 'not before its time').to.equal(null);
    await at('2026-12-04T20:00:00');
    await waitUntil(() => reminder(app), 'the 20:00 reminder');
    const text = textOf(reminder(app));
    expect(text).to.contain('该吃药了（20:00）');
    expect(text).to.contain('苯磺酸氨氯地平片 5mg，吃1片');
    // The pack's picture, with its alt text.
    const picture = reminder(app)!.shadowRoot!.querySelector('svg[role=img]');
    expect(picture?.getAttribute('aria-label')).to.equal('苯磺酸氨氯地平片 5mg的药盒');
    await waitUntil(() => focusedText() === '已服药', 'focus in the reminder');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedText()).to.equal('稍后提醒');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !reminder(app), 'snoozed');
    await at('2026-12-04T20:14:00');
    expect(reminder(app), 'snoozed for 15 minutes').to.equal(null);
    await at('2026-12-04T20:15:00');
    await waitUntil(() => reminder(app), 'back after 15 minutes');
    await waitUntil(() => focusedText() === '已服药', 'focus in the reminder');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !reminder(app), 'taken');
    await waitUntil(() => focusedText() === '视频问诊', 'focus back where it was on Home');
    await at('2026-12-04T20:30:00');
    await at('2026-12-04T20:45:00');
    expect(reminder(app), 'never again for an answered dose').to.equal(null);
    await waitUntil(() => api.answers.length === 2, 'both answers sent');
    expect(api.answers.map((a) => a.answer)).to.deep.equal(['later', 'taken']);
    expect(api.answers[1]!.scheduledAt).to.equal('2026-12-04T12:00:00.000Z');
    // When each was given, in the server's time (the TV's clock is three hours behind): an answer
    // the outbox delivers late still counts when it was given.
    expect(api.answers.map((a) => a.answeredAt)).to.deep.equal([
      new Date(shanghai('2026-12-04T20:00:00')).toISOString(),
      new Date(shanghai('2026-12-04T20:15:00')).toISOString(),
    ]);
  });

  it('a dose answered on another TV never fires here: switched on after it, or told while it shows', async () => {
    const takenElsewhere: DoseAnswer = {
      prescriptionId: 'rx-amlo',
      scheduledAt: '2026-12-04T12:00:00.000Z',
      answer: 'taken',
      answeredAt: '2026-12-04T12:02:00.000Z',
    };
    // Switched on at 20:10: without the other TV's answer the 20:00 dose would show at once.
    const api = reminderApi({ elsewhere: [takenElsewhere] });
    server = shanghai('2026-12-04T20:10:00');
    await tvApi(...api.handlers);
    const app = await openTv(api);
    expect(reminder(app), 'taken on another TV').to.equal(null);
    await at('2026-12-04T20:15:00');
    await at('2026-12-04T20:30:00');
    expect(reminder(app), 'nor at 15 and 30 minutes').to.equal(null);
    expect(api.answers).to.deep.equal([]);
  });

  it('a reminder on show goes away when another TV answers the dose (pushed)', async () => {
    const elsewhere: DoseAnswer[] = [];
    const api = reminderApi({ elsewhere });
    server = shanghai('2026-12-05T07:58:00');
    await tvApi(...api.handlers);
    const app = await openTv(api);
    await at('2026-12-05T08:00:00');
    await waitUntil(() => reminder(app), 'the 08:00 reminder');
    elsewhere.push({
      prescriptionId: 'rx-amlo',
      scheduledAt: '2026-12-05T00:00:00.000Z',
      answer: 'taken',
      answeredAt: '2026-12-05T00:01:00.000Z',
    });
    const reads = api.reads;
    pushEvent({
      type: 'pharmacy-dose-answered',
      prescriptionId: 'rx-amlo',
      scheduledAt: '2026-12-05T00:00:00.000Z',
    });
    await waitUntil(() => api.reads > reads, 'the schedule read again');
    await waitUntil(() => !reminder(app), 'answered on the other TV');
    await at('2026-12-05T08:15:00');
    expect(reminder(app), 'not back at 15 minutes').to.equal(null);
    expect(api.answers).to.deep.equal([]);
  });

  it('across midnight: the next morning’s dose fires at 08:00, stays until answered, and is missed after an hour', async () => {
    const api = reminderApi();
    server = shanghai('2026-12-04T23:50:00');
    await tvApi(...api.handlers);
    const app = await openTv(api);
    await at('2026-12-05T00:10:00');
    expect(reminder(app)).to.equal(null);
    await at('2026-12-05T08:00:00');
    await waitUntil(() => reminder(app), 'the 08:00 reminder on the new day');
    expect(textOf(reminder(app))).to.contain('（08:00）');
    await at('2026-12-05T08:31:00');
    expect(reminder(app), 'still there after 15 and 30 minutes').to.not.equal(null);
    await at('2026-12-05T09:00:00');
    await waitUntil(() => !reminder(app), 'missed after an hour');
    expect(api.answers).to.deep.equal([]);
  });

  it('works offline from the schedule kept in IndexedDB, and survives a reload', async () => {
    let offline = false;
    const api = reminderApi({ offline: () => offline });
    server = shanghai('2026-12-05T07:00:00');
    await tvApi(...api.handlers);
    await openTv(api);
    await at('2026-12-05T07:01:00');
    offline = true;
    // A reload while the API cannot be reached: the schedule comes from the TV's own storage.
    const app = await openTv(api);
    await at('2026-12-05T08:00:00');
    await waitUntil(() => reminder(app), 'reminded offline');
    expect(textOf(reminder(app))).to.contain('（08:00）');
  });

  it('never during a ring: it waits until the ringing ends', async () => {
    const api = reminderApi();
    server = shanghai('2026-12-05T07:58:00');
    const refused = () => HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 });
    await tvApi(
      ...api.handlers,
      http.get('/api/consultations/c-ring-1', refused),
      http.post('/api/consultations/c-ring-1/standby', refused),
    );
    const app = await openTv(api);
    await pushWhenListening({
      type: 'ring',
      consultationId: 'c-ring-1',
      caller: {
        id: 'dr-a',
        displayName: '张伟',
        role: 'doctor',
        organisationName: '柳树村卫生室',
        department: null,
      },
      reason: '高血压随访',
      autoAnswerSeconds: null,
    });
    await waitUntil(() => screen(app, 'dah-incoming-call'), 'ringing');
    await at('2026-12-05T08:00:00');
    expect(reminder(app), 'not over the ringing').to.equal(null);
    pushEvent({ type: 'ring-cancelled', consultationId: 'c-ring-1', answeredElsewhere: false });
    await waitUntil(() => !screen(app, 'dah-incoming-call'), 'the ringing ended');
    await waitUntil(() => reminder(app), 'the reminder after the ring');
  });

  it('with 7 days of supply or fewer it offers 再次配药, which opens the medicine (a medicine without a pack picture)', async () => {
    const api = reminderApi({ daysLeft: 5, withoutPicture: true });
    server = shanghai('2026-12-05T07:59:00');
    await tvApi(...api.handlers);
    const app = await openTv(api);
    await at('2026-12-05T08:00:00');
    await waitUntil(() => reminder(app), 'reminder');
    expect(textOf(reminder(app))).to.contain('这个药还剩5天');
    expect(
      reminder(app)!.shadowRoot!.querySelector('svg'),
      'no picture: the reminder works without',
    ).to.equal(null);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedText()).to.equal('再次配药');
    await sendKeys({ press: 'Enter' });
    await waitForPath('/tv/medicines/rx-amlo');
    expect(reminder(app)).to.equal(null);
  });
});
