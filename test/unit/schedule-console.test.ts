// The console's 巡诊与上门 and the kiosk's 申请上门 (issue 16 §1-§4), against msw: bookings per
// slot, planning a visit in one of the township's villages with its team, opening places,
// scheduling a home visit, the signed residents by village, and a kiosk asking for a visit.
import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ApiClient } from '../../src/app/api/api-client.js';
import { PushChannel } from '../../src/app/api/push-channel.js';
import * as identityApi from '../../src/app/identity/api.js';
import '../../src/app/schedule/console/console-home-visits.js';
import '../../src/app/schedule/console/console-schedule-screen.js';
import '../../src/app/schedule/console/console-visits.js';
import '../../src/app/schedule/kiosk/kiosk-home-visit-screen.js';
import { apiContext, pushContext } from '../../src/app/state/contexts.js';
import type {
  HomeVisit,
  SignedResidents,
  TownshipPlaces,
} from '../../src/shared/schedule/schedule-schemas.js';
import { addDays, instantAt, localDateOf } from '../../src/shared/schedule/shanghai-time.js';
import { mockApi } from './support/msw.js';
import { appointmentOf, scheduleSlots, visit } from './support/schedule.js';

const text = (element: Node | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => text(b).includes(label));
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

function set(root: ParentNode, selector: string, value: string, event = 'input'): void {
  const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true }));
}

async function mount<T extends HTMLElement>(tag: string, attrs = '', api = new ApiClient()): Promise<T> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: apiContext, initialValue: api });
  new ContextProvider(host, { context: pushContext, initialValue: new PushChannel() });
  host.innerHTML = `<${tag} ${attrs}></${tag}>`;
  const element = host.firstElementChild as T & { updateComplete: Promise<unknown> };
  await element.updateComplete;
  return element;
}

const township: TownshipPlaces = {
  township: { id: 'tw-dh', name: '东河镇卫生院' },
  villages: [
    { id: 'vil-ls', name: '柳树村', kind: 'village_clinic' },
    { id: 'vil-sq', name: '石桥村', kind: 'village_clinic' },
    { id: 'home-dh', name: '东河镇敬老院', kind: 'care_home' },
  ],
  staff: [
    { id: 'dr-li', displayName: '李芳', title: '全科医生', role: 'doctor' },
    { id: 'nurse-wu', displayName: '吴红', title: null, role: 'nurse' },
  ],
};

const requested: HomeVisit = {
  id: 'hv-1',
  patient: { id: 'res-a', displayName: '王秀英', address: '柳树村3组' },
  service: 'home-nursing',
  reason: 'injection',
  preferredDate: '2026-12-11',
  preferredHalfDay: 'afternoon',
  status: 'requested',
  assignee: null,
  startsAt: null,
  endsAt: null,
  visitNote: null,
  completedAt: null,
  requestedBy: { id: 'res-a', displayName: '王秀英' },
  createdAt: '2026-12-05T00:00:00.000Z',
};

describe('巡诊与上门 in the console', () => {
  it("shows each slot's bookings against its capacity, and who booked", async () => {
    const [slot] = scheduleSlots;
    await mockApi(
      http.get('/api/visits', () => HttpResponse.json({ visits: [visit] })),
      http.get('/api/slots', () => HttpResponse.json({ slots: [{ ...slot!, booked: 2 }] })),
      http.get('/api/township', () => HttpResponse.json(township)),
      http.get(`/api/slots/${slot!.id}/bookings`, () =>
        HttpResponse.json({
          slot: { ...slot!, booked: 2 },
          appointments: [
            appointmentOf(slot!, 'a-1'),
            { ...appointmentOf(slot!, 'a-2'), patient: { id: 'res-b', displayName: '刘长山' } },
          ],
        }),
      ),
    );
    const visits = await mount<HTMLElement>('dah-console-visits');
    const root = visits.shadowRoot!;
    await waitUntil(() => root.querySelector(`[data-slot="${slot!.id}"]`), 'the slot row');
    expect(text(root.querySelector(`[data-slot="${slot!.id}"]`))).to.contain('已约2/5');
    button(root.querySelector(`[data-slot="${slot!.id}"]`)!, '看谁约了').click();
    await waitUntil(() => root.querySelector('.bookings'), 'the bookings');
    expect(text(root.querySelector('.bookings'))).to.equal('王秀英、刘长山');
  });

  it("plans a visit in one of the township's villages with a team from its staff", async () => {
    const posted: unknown[] = [];
    await mockApi(
      http.get('/api/visits', () => HttpResponse.json({ visits: [visit] })),
      http.get('/api/slots', () => HttpResponse.json({ slots: [] })),
      http.get('/api/township', () => HttpResponse.json(township)),
      http.post('/api/visits', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(visit, { status: 201 });
      }),
    );
    const visits = await mount<HTMLElement>('dah-console-visits');
    const root = visits.shadowRoot!;
    await waitUntil(() => root.querySelector('form.visit-form select[name="village"] option'), 'the form');
    // Every village and care home of the township, not only those with a visit already.
    expect(
      [...root.querySelectorAll('select[name="village"] option')].map((o) => (o as HTMLOptionElement).value),
    ).to.deep.equal(['vil-ls', 'vil-sq', 'home-dh']);
    const date = addDays(localDateOf(new Date()), 9);
    set(root, 'select[name="village"]', 'vil-sq', 'change');
    set(root, 'select[name="vehicle"]', 'ct-van', 'change');
    set(root, 'input[name="date"]', date);
    set(root, 'input[name="start"]', '13:30');
    set(root, 'input[name="end"]', '16:00');
    set(root, 'input[name="place"]', '村委会');
    root.querySelector<HTMLInputElement>('input[name="team"][value="nurse-wu"]')!.click();
    button(root.querySelector('form.visit-form')!, '添加巡诊').click();
    await waitUntil(() => posted.length === 1, 'posted');
    expect(posted[0]).to.deep.equal({
      villageId: 'vil-sq',
      vehicle: 'ct-van',
      date,
      startTime: '13:30',
      endTime: '16:00',
      place: '村委会',
      teamIds: ['nurse-wu'],
    });
  });

  it('changes a visit: the form holds what it is, the team included', async () => {
    const put: unknown[] = [];
    const withTeam = { ...visit, team: [{ id: 'dr-li', displayName: '李芳', title: '全科医生' }] };
    await mockApi(
      http.get('/api/visits', () => HttpResponse.json({ visits: [withTeam] })),
      http.get('/api/slots', () => HttpResponse.json({ slots: [] })),
      http.get('/api/township', () => HttpResponse.json(township)),
      http.put(`/api/visits/${visit.id}`, async ({ request }) => {
        put.push(await request.json());
        return HttpResponse.json(withTeam);
      }),
    );
    const visits = await mount<HTMLElement>('dah-console-visits');
    const root = visits.shadowRoot!;
    await waitUntil(() => root.querySelector(`[data-visit="${visit.id}"]`), 'the visit');
    button(root.querySelector(`[data-visit="${visit.id}"]`)!, '修改').click();
    await waitUntil(() => text(root.querySelector('form.visit-form')).includes('保存修改'), 'editing');
    const form = root.querySelector('form.visit-form')!;
    expect(form.querySelector<HTMLInputElement>('input[name="date"]')!.value).to.equal('2026-12-10');
    expect(form.querySelector<HTMLInputElement>('input[name="start"]')!.value).to.equal('09:00');
    expect(form.querySelector<HTMLInputElement>('input[name="team"][value="dr-li"]')!.checked).to.equal(true);
    set(form, 'input[name="place"]', '村卫生室');
    button(form, '保存修改').click();
    await waitUntil(() => put.length === 1, 'sent');
    expect(put[0]).to.deep.equal({
      villageId: 'vil-ls',
      vehicle: 'health-check-van',
      date: '2026-12-10',
      startTime: '09:00',
      endTime: '11:30',
      place: '村卫生室',
      teamIds: ['dr-li'],
    });
  });

  it('opens places at a visit, on its day', async () => {
    const posted: unknown[] = [];
    await mockApi(
      http.get('/api/visits', () => HttpResponse.json({ visits: [visit] })),
      http.get('/api/slots', () => HttpResponse.json({ slots: [] })),
      http.get('/api/township', () => HttpResponse.json(township)),
      http.post('/api/slots', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ slots: [scheduleSlots[2]] }, { status: 201 });
      }),
    );
    const visits = await mount<HTMLElement>('dah-console-visits');
    await waitUntil(() => visits.shadowRoot!.querySelector('dah-console-slot-form'), 'the slot form');
    const form = visits.shadowRoot!.querySelector('dah-console-slot-form')!;
    await form.updateComplete;
    const root = form.shadowRoot!;
    set(root, 'select[name="where"]', `visit:${visit.id}`, 'change');
    await form.updateComplete;
    expect(root.querySelector<HTMLInputElement>('input[name="date"]')!.value).to.equal('2026-12-10');
    set(root, 'input[name="start"]', '09:30');
    set(root, 'input[name="end"]', '10:00');
    set(root, 'input[name="capacity"]', '8');
    button(root, '放号').click();
    await waitUntil(() => posted.length === 1, 'posted');
    expect(posted[0]).to.deep.equal({
      kind: 'mobile-clinic',
      visitId: visit.id,
      startsAt: '2026-12-10T01:30:00.000Z',
      endsAt: '2026-12-10T02:00:00.000Z',
      capacity: 8,
    });
  });

  it("a nurse sees visits and bookings without the forms (the township's doctors keep them)", async () => {
    await mockApi(
      http.get('/api/visits', () => HttpResponse.json({ visits: [visit] })),
      http.get('/api/slots', () => HttpResponse.json({ slots: scheduleSlots })),
      http.get('/api/township', () =>
        HttpResponse.json({ error: { code: 'forbidden', message: 'no' } }, { status: 403 }),
      ),
    );
    const visits = await mount<HTMLElement>('dah-console-visits');
    const root = visits.shadowRoot!;
    await waitUntil(() => root.querySelector('[data-slot]'), 'the slots');
    expect(root.querySelector('form.visit-form')).to.equal(null);
    expect(root.querySelector('dah-console-slot-form')).to.equal(null);
    expect(root.querySelector(`[data-visit="${visit.id}"]`)).to.not.equal(null);
  });

  it("assigns a home visit to a nurse of the resident's team, at the time chosen in the county's time", async () => {
    const posted: unknown[] = [];
    await mockApi(
      http.get('/api/home-visits', () => HttpResponse.json({ homeVisits: [requested] })),
      http.get('/api/patients/res-a/team', () =>
        HttpResponse.json({
          patientId: 'res-a',
          members: [
            {
              id: 'dr-li',
              displayName: '李芳',
              teamRole: 'doctor',
              title: null,
              organisationName: '东河镇卫生院',
              phone: '13800000001',
              contracted: false,
            },
            {
              id: 'nurse-wu',
              displayName: '吴红',
              teamRole: 'nurse',
              title: null,
              organisationName: '东河镇卫生院',
              phone: '13800000002',
              contracted: false,
            },
          ],
        }),
      ),
      http.post('/api/home-visits/hv-1/schedule', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ ...requested, status: 'scheduled' });
      }),
    );
    const list = await mount<HTMLElement>('dah-console-home-visits');
    const root = list.shadowRoot!;
    await waitUntil(
      () => root.querySelector('[data-home-visit="hv-1"] option[value="nurse-wu"]'),
      'the team',
    );
    const item = root.querySelector('[data-home-visit="hv-1"]')!;
    expect(text(item)).to.contain('王秀英');
    // The half-day asked for is proposed: the afternoon.
    expect(item.querySelector<HTMLInputElement>('input[name="time"]')!.value).to.equal('14:30');
    set(item, 'select[name="assignee"]', 'nurse-wu', 'change');
    set(item, 'input[name="time"]', '15:00');
    button(item, '安排上门').click();
    await waitUntil(() => posted.length === 1, 'posted');
    expect(posted[0]).to.deep.equal({
      assigneeId: 'nurse-wu',
      startsAt: instantAt('2026-12-11', '15:00'),
      endsAt: '2026-12-11T08:00:00.000Z',
    });
  });

  it('lists the signed residents by village and finds them by name or village', async () => {
    const residents: SignedResidents['residents'] = [
      {
        id: 'res-a',
        displayName: '王秀英',
        address: '柳树村3组',
        village: { id: 'vil-ls', name: '柳树村' },
        teamRoles: ['village-doctor'],
        contracted: true,
      },
      {
        id: 'res-b',
        displayName: '刘长山',
        address: '柳树村5组',
        village: { id: 'vil-ls', name: '柳树村' },
        teamRoles: [],
        contracted: true,
      },
      {
        id: 'res-c',
        displayName: '赵桂兰',
        address: '东河镇敬老院',
        village: { id: 'home-dh', name: '东河镇敬老院' },
        teamRoles: ['doctor'],
        contracted: false,
      },
    ];
    await mockApi(
      http.get('/api/team/residents', () => HttpResponse.json({ residents })),
      http.get('/api/visits', () => HttpResponse.json({ visits: [] })),
      http.get('/api/slots', () => HttpResponse.json({ slots: [] })),
      http.get('/api/township', () => HttpResponse.json(township)),
      http.get('/api/home-visits', () => HttpResponse.json({ homeVisits: [] })),
    );
    const screen = await mount<HTMLElement>('dah-console-schedule');
    const root = screen.shadowRoot!;
    await waitUntil(() => root.querySelector('[data-resident]'), 'the residents');
    const grouped = () =>
      [...root.querySelectorAll('ul.residents')].map((ul) => [
        ul.getAttribute('data-village'),
        [...ul.querySelectorAll('[data-resident]')].map((li) => li.getAttribute('data-resident')),
      ]);
    expect(grouped()).to.deep.equal([
      ['东河镇敬老院', ['res-c']],
      ['柳树村', ['res-a', 'res-b']],
    ]);
    set(root, 'input[name="find"]', '刘');
    await waitUntil(() => root.querySelectorAll('[data-resident]').length === 1, 'found by name');
    expect(grouped()).to.deep.equal([['柳树村', ['res-b']]]);
    set(root, 'input[name="find"]', '敬老院');
    await waitUntil(() => root.querySelector('[data-resident="res-c"]'), 'found by village');
    expect(grouped()).to.deep.equal([['东河镇敬老院', ['res-c']]]);
    set(root, 'input[name="find"]', '孙');
    await waitUntil(() => !root.querySelector('[data-resident]'), 'nobody');
    expect(text(root)).to.contain('没有找到这样的居民。');
  });
});

describe('signed residents that cannot be read', () => {
  it('say so in words rather than that there are none', async () => {
    await mockApi(
      http.get('/api/team/residents', () =>
        HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }),
      ),
      http.get('/api/visits', () => HttpResponse.json({ visits: [] })),
      http.get('/api/slots', () => HttpResponse.json({ slots: [] })),
      http.get('/api/township', () => HttpResponse.json(township)),
      http.get('/api/home-visits', () => HttpResponse.json({ homeVisits: [] })),
    );
    const screen = await mount<HTMLElement>('dah-console-schedule');
    const root = screen.shadowRoot!;
    await waitUntil(() => root.querySelector('section:last-of-type [role="alert"]'), 'the error');
    expect(text(root)).to.not.contain('还没有签约居民。');
  });
});

describe('申请上门 at the kiosk', () => {
  it('the nurse picks a reason and a half-day for a resident; the request names the resident', async () => {
    const posted: unknown[] = [];
    await mockApi(
      http.post('/api/home-visits', async ({ request }) => {
        const body = (await request.json()) as Record<string, string>;
        posted.push(body);
        return HttpResponse.json(
          {
            ...requested,
            patient: { id: 'res-c', displayName: '赵桂兰', address: '东河镇敬老院' },
            reason: body.reason,
            preferredDate: body.preferredDate,
            preferredHalfDay: body.preferredHalfDay,
          },
          { status: 201 },
        );
      }),
    );
    const screen = await mount<HTMLElement>('dah-kiosk-home-visit', 'patient-id="res-c"');
    const form = screen.shadowRoot!.querySelector('dah-home-visit-request')!;
    await form.updateComplete;
    button(form.shadowRoot!, '换药').click();
    await waitUntil(() => form.shadowRoot!.querySelector('[data-focus-key^="half-"]'), 'the half-days');
    const tomorrow = addDays(localDateOf(new Date()), 1);
    form
      .shadowRoot!.querySelector<HTMLButtonElement>(`[data-focus-key="half-${tomorrow}-afternoon"]`)!
      .click();
    await waitUntil(() => screen.shadowRoot!.querySelector('[role="status"]'), 'done');
    expect(posted).to.deep.equal([
      {
        patientId: 'res-c',
        service: 'home-nursing',
        reason: 'wound-care',
        preferredDate: tomorrow,
        preferredHalfDay: 'afternoon',
      },
    ]);
    expect(text(screen.shadowRoot!.querySelector('[role="status"]'))).to.contain('已申请');
  });

  it("offers the server's next days, not the kiosk's clock's (which may be days off)", async () => {
    const DAY = 24 * 60 * 60 * 1000;
    // The server is three days ahead of this device's clock.
    const serverDate = () => new Date(Date.now() + 3 * DAY).toUTCString();
    await mockApi(
      http.get('/api/auth/session', () =>
        HttpResponse.json(
          { error: { code: 'unauthenticated', message: 'no' } },
          {
            status: 401,
            headers: { date: serverDate() },
          },
        ),
      ),
    );
    const api = new ApiClient();
    await identityApi.session(api).catch(() => undefined);
    const screen = await mount<HTMLElement>('dah-kiosk-home-visit', 'patient-id="res-c"', api);
    const form = screen.shadowRoot!.querySelector('dah-home-visit-request')!;
    await form.updateComplete;
    button(form.shadowRoot!, '换药').click();
    await waitUntil(() => form.shadowRoot!.querySelector('[data-focus-key^="half-"]'), 'the half-days');
    const offered = [...form.shadowRoot!.querySelectorAll('[data-focus-key^="half-"]')].map((b) =>
      b.getAttribute('data-focus-key'),
    );
    const serverTomorrow = addDays(localDateOf(new Date(Date.now() + 3 * DAY)), 1);
    expect(offered[0]).to.equal(`half-${serverTomorrow}-morning`);
  });
});
