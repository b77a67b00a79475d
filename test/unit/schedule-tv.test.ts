import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/app/call/incoming-call.js';
import { ScheduleReminders } from '../../src/app/schedule/schedule-reminders.js';
import type { PushEvent } from '../../src/shared/consultations/schemas.js';
import { APPOINTMENT_RING_REASON } from '../../src/shared/schedule/schedule-rules.js';
import type { SchedulePushEvent, Slot } from '../../src/shared/schedule/schedule-schemas.js';
import { focusedText, openApp, screen, textOf, tvApi, waitForPath } from './support/app.js';
import { pushWhenListening, recorder } from './support/msw.js';
import { appointmentOf, scheduleSlots, slotOf } from './support/schedule.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** Remote presses only, counted. */
function remote() {
  let presses = 0;
  return {
    get presses() {
      return presses;
    },
    async press(key: string) {
      presses += 1;
      await sendKeys({ press: key });
      await nextFrame();
    },
  };
}

/** The TV's API, recording bookings; `answer` decides what POST /api/appointments says. */
function bookingApi(
  answer: (slot: Slot) => Response = (slot) => HttpResponse.json(appointmentOf(slot), { status: 201 }),
) {
  const calls = recorder();
  const booked: Slot[] = [];
  return {
    calls,
    start: () =>
      tvApi(
        http.post('/api/appointments', async ({ request }) => {
          const { slotId } = (await request.json()) as { slotId: string };
          calls.note('book', slotId);
          const slot = scheduleSlots.find((s) => s.id === slotId)!;
          const response = answer(slot);
          if (response.status === 201) booked.push(slot);
          return response;
        }),
        http.get('/api/appointments', () =>
          HttpResponse.json({ appointments: booked.map((s) => appointmentOf(s)) }),
        ),
      ),
  };
}

describe('预约与巡诊 on the TV', () => {
  for (const [kind, moves] of [
    ['video', []],
    ['health-centre', ['ArrowLeft']],
    ['mobile-clinic', ['ArrowRight']],
  ] as const) {
    it(`books the earliest ${kind} time from Home in at most 4 presses, by remote keys only`, async () => {
      const api = bookingApi();
      await api.start();
      const app = await openApp('/tv');
      await waitUntil(() => focusedText() === '视频问诊', 'Home focuses the first tile');
      const tv = remote();
      await tv.press('ArrowDown');
      expect(focusedText()).to.equal('预约与巡诊');
      await tv.press('Enter');
      await waitForPath('/tv/appointments');
      await waitUntil(() => focusedText().startsWith('和家庭医生视频'), 'the video time is focused first', {
        timeout: 4000,
      });
      for (const key of moves) await tv.press(key);
      await tv.press('Enter');
      const screenEl = screen(app, 'dah-appointments-screen')!;
      await waitUntil(() => textOf(screenEl).includes('已预约：'), 'booked, said in words');
      expect(api.calls.calls.book).to.deep.equal([
        `slot-${kind === 'health-centre' ? 'hc' : kind === 'video' ? 'video' : 'mc'}`,
      ]);
      expect(tv.presses).to.be.at.most(4);
      await waitUntil(() => textOf(screenEl).includes('取消这个预约'), 'listed under my appointments');
    });
  }

  for (const [code, words] of [
    ['slot_full', '这个时间已经约满了。请选另一个时间。'],
    ['double_booking', '这个时间您已经有别的预约了。请选另一个时间。'],
    ['booking_closed', '这个时间已经开始或已取消，不能再预约。请选另一个时间。'],
  ] as const) {
    it(`a 409 ${code} is said in words with what to do, and nothing is listed as booked`, async () => {
      const api = bookingApi(() => HttpResponse.json({ error: { code, message: code } }, { status: 409 }));
      await api.start();
      const app = await openApp('/tv/appointments');
      await waitUntil(() => focusedText().startsWith('和家庭医生视频'), 'video time focused');
      await remote().press('Enter');
      const screenEl = screen(app, 'dah-appointments-screen')!;
      await waitUntil(() => textOf(screenEl).includes(words), `the ${code} sentence`);
      expect(textOf(screenEl)).to.contain('还没有预约');
      expect(textOf(screenEl)).not.to.contain('已预约：');
    });
  }

  it('cancels a booked appointment from my appointments', async () => {
    const video = scheduleSlots[1]!;
    let cancelled = false;
    await tvApi(
      http.get('/api/appointments', () =>
        HttpResponse.json({ appointments: cancelled ? [] : [appointmentOf(video)] }),
      ),
      http.post('/api/appointments/a-slot-video/cancel', () => {
        cancelled = true;
        return HttpResponse.json({ ...appointmentOf(video), status: 'cancelled' });
      }),
    );
    const app = await openApp('/tv/appointments');
    const screenEl = screen(app, 'dah-appointments-screen')!;
    await waitUntil(() => textOf(screenEl).includes('取消这个预约'), 'listed');
    const button = [...screenEl.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('取消这个预约'),
    )!;
    button.focus();
    await remote().press('Enter');
    await waitUntil(() => textOf(screenEl).includes('已取消：'), 'cancelled, in words');
    expect(cancelled).to.equal(true);
    await waitUntil(() => textOf(screenEl).includes('还没有预约'), 'no longer listed');
  });

  it("says the mobile clinic's visit in one sentence built from its parts", async () => {
    await tvApi();
    const app = await openApp('/tv/appointments');
    const screenEl = screen(app, 'dah-appointments-screen')!;
    await waitUntil(() => textOf(screenEl).includes('体检车'), 'visit');
    expect(textOf(screenEl)).to.contain('体检车将于星期四 9:00-11:30来柳树村，地点：村委会');
  });

  it('asks for a nurse at home: a reason, then a half-day, and shows it was asked', async () => {
    const calls = recorder();
    await tvApi(
      http.post('/api/home-visits', async ({ request }) => {
        const body = (await request.json()) as Record<string, string>;
        calls.note('request', body);
        return HttpResponse.json(
          {
            id: 'hv-1',
            patient: { id: 'res-a', displayName: '王秀英', address: '' },
            service: body.service,
            reason: body.reason,
            preferredDate: body.preferredDate,
            preferredHalfDay: body.preferredHalfDay,
            status: 'requested',
            assignee: null,
            startsAt: null,
            endsAt: null,
            visitNote: null,
            completedAt: null,
            requestedBy: { id: 'res-a', displayName: '王秀英' },
            createdAt: '2026-12-05T00:00:00.000Z',
          },
          { status: 201 },
        );
      }),
    );
    const app = await openApp('/tv/appointments');
    const screenEl = screen(app, 'dah-appointments-screen')!;
    await waitUntil(() => textOf(screenEl).includes('请护士或医生上门'), 'home-visit button');
    [...screenEl.shadowRoot!.querySelectorAll('button')]
      .find((b) => b.textContent!.includes('请护士或医生上门'))!
      .focus();
    const tv = remote();
    await tv.press('Enter');
    await waitUntil(() => focusedText() === '换药、伤口护理', 'first reason focused');
    await tv.press('Enter');
    await waitUntil(() => focusedText().endsWith('上午'), 'first half-day focused');
    await tv.press('Enter');
    await waitUntil(() => textOf(screenEl).includes('已申请上门'), 'asked');
    const body = calls.calls.request![0] as Record<string, string>;
    expect([body.service, body.reason, body.preferredHalfDay]).to.deep.equal([
      'home-nursing',
      'wound-care',
      'morning',
    ]);
  });

  it('Down from the middle quick button reaches 请护士或医生上门 on its left before the visits below it', async () => {
    // tv-ui.md: predictable D-pad movement, every control reachable. The request sits on the left
    // under the quick row, with the mobile clinic's full-width rows further down.
    await tvApi();
    const app = await openApp('/tv/appointments');
    const screenEl = screen(app, 'dah-appointments-screen')!;
    await waitUntil(() => focusedText().startsWith('和家庭医生视频'), 'the video time is focused first', {
      timeout: 4000,
    });
    await waitUntil(() => textOf(screenEl).includes('体检车'), 'the visit row is there');
    const tv = remote();
    await tv.press('ArrowDown');
    expect(focusedText()).to.equal('请护士或医生上门');
    await tv.press('ArrowDown');
    expect(focusedText()).to.contain('体检车');
    await tv.press('ArrowUp');
    expect(focusedText()).to.equal('请护士或医生上门');
  });

  it('a reminder event shows a notice that does not take focus', async () => {
    await tvApi(
      http.get('/api/appointments', () =>
        HttpResponse.json({ appointments: [appointmentOf(scheduleSlots[1]!)] }),
      ),
    );
    const app = await openApp('/tv');
    const before = focusedText();
    const reminder: SchedulePushEvent = {
      type: 'reminder',
      subject: 'appointment',
      id: 'a-slot-video',
      kind: 'day-before',
      startsAt: scheduleSlots[1]!.startsAt,
    };
    await pushWhenListening(reminder as unknown as PushEvent);
    await waitUntil(() => app.shadowRoot!.querySelector('dah-toast.reminder'), 'reminder notice');
    await waitUntil(
      () => textOf(app.shadowRoot!.querySelector('dah-toast.reminder')).includes('明天别忘了：'),
      'text',
    );
    expect(textOf(app.shadowRoot!.querySelector('dah-toast.reminder'))).to.contain('和张伟医生视频问诊');
    expect(focusedText()).to.equal(before);
    expect(ScheduleReminders.noticeMs).to.be.greaterThan(0);
  });

  it("the ring of a booked video consultation says it is the resident's appointment", async () => {
    const caller = {
      id: 'dr-a',
      displayName: '张伟',
      role: 'doctor',
      organisationName: '柳树村卫生室',
      department: null,
    } as const;
    const ring = await fixture(
      html`<dah-incoming-call .caller=${caller} reason=${APPOINTMENT_RING_REASON}></dah-incoming-call>`,
    );
    expect(textOf(ring)).to.contain('这是您预约的视频问诊');
    expect(textOf(ring)).not.to.contain('事由');
    const other = await fixture(
      html`<dah-incoming-call .caller=${caller} reason="高血压随访"></dah-incoming-call>`,
    );
    expect(textOf(other)).to.contain('事由：高血压随访');
  });

  it('a time with no room left is still listed, and booking it says it is full', async () => {
    const full = slotOf('video', 'slot-full', '2026-12-11T02:00:00.000Z', 5);
    await tvApi(http.get('/api/slots', () => HttpResponse.json({ slots: [full] })));
    const app = await openApp('/tv/appointments');
    const screenEl = screen(app, 'dah-appointments-screen')!;
    await waitUntil(() => textOf(screenEl).includes('暂时没有可约的时间'), 'quick row says none free');
  });
});
