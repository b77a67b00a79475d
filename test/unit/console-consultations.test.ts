import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { http, HttpResponse, type RequestHandler } from 'msw';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import { CallHangUpEvent } from '../../src/app/call/call-screen.js';
import { AlertSound } from '../../src/app/consultations/console/alert-sound.js';
import type { ConsoleQueue } from '../../src/app/consultations/console/console-queue.js';
import type { ConsoleInvitations } from '../../src/app/consultations/console/console-invitations.js';
import { MinuteClock } from '../../src/app/consultations/console/minute-clock.js';
import { minutesSince, waitingText } from '../../src/app/consultations/console/waiting-time.js';
import type {
  Clinician,
  ConsultationDetail,
  Invitation,
  QueueEntry,
  SpecialistList,
} from '../../src/shared/consultations/schemas.js';
import { wangRecord } from './support/app.js';
import { deep, openConsole } from './support/console.js';
import { mockApi, openPushStreams, pushEvent } from './support/msw.js';
import { doctor, sessionOf } from './support/sessions.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000 - 5_000).toISOString();

const zhang: Clinician = {
  id: 'dr-a',
  displayName: '张伟',
  role: 'doctor',
  organisationName: '柳树村卫生室',
  department: null,
};
const liu: Clinician = {
  id: 'sp-liu',
  displayName: '刘芳',
  role: 'specialist',
  organisationName: '县人民医院',
  department: '心内科',
};
const specialist = sessionOf({
  kind: 'clinician',
  role: 'specialist',
  id: 'sp-liu',
  displayName: '刘芳',
  organisationName: '县人民医院',
});

const urgentWang: QueueEntry = {
  id: 'q-wang',
  urgency: 'urgent',
  doctor: 'on-duty',
  reason: '胸口疼',
  patient: { id: 'res-a', displayName: '王秀英', age: 80, sex: 'female', village: '柳树村' },
  latestReadings: [
    {
      id: 'r-wang-bp',
      values: { measure: 'blood_pressure', systolic: 186, diastolic: 112, pulse: 88 },
      takenAt: minutesAgo(20),
      colour: 'red',
      messageKey: 'bp_grade_3',
    },
  ],
  colour: { colour: 'red', reasons: ['red_reading'], homeMean: null },
  waitingSince: minutesAgo(1),
};
const routineLi: QueueEntry = {
  id: 'q-li',
  urgency: 'routine',
  doctor: 'family',
  reason: '头晕两天',
  patient: { id: 'res-b', displayName: '李建国', age: 74, sex: 'male', village: '桃园村' },
  latestReadings: [],
  waitingSince: minutesAgo(12),
};
const routineZhao: QueueEntry = {
  ...routineLi,
  id: 'q-zhao',
  reason: '',
  patient: { id: 'res-c', displayName: '赵桂兰', age: 69, sex: 'female', village: '东河村' },
  waitingSince: minutesAgo(75),
};

const specialists: SpecialistList['specialists'] = [
  { ...liu, online: true },
  {
    id: 'sp-chen',
    displayName: '陈明',
    role: 'specialist',
    organisationName: '县人民医院',
    department: '神经内科',
    online: false,
  },
  { ...liu, id: 'sp-zhao', displayName: '赵强', online: false },
];

function detail(id: string, change: Partial<ConsultationDetail> = {}): ConsultationDetail {
  return {
    id,
    kind: 'request',
    status: 'active',
    reason: '胸口疼',
    patient: { id: 'res-a', displayName: '王秀英' },
    doctor: zhang,
    specialists: [],
    summary: null,
    createdAt: minutesAgo(0),
    endedAt: null,
    ...change,
  };
}

function invitationFor(id: string, change: Partial<Invitation> = {}): Invitation {
  return {
    id,
    consultationId: 'c-wang',
    status: 'pending',
    specialist: liu,
    invitedBy: zhang,
    patient: { id: 'res-a', displayName: '王秀英' },
    reason: '胸口疼，心电图异常',
    createdAt: minutesAgo(2),
    ...change,
  };
}

/** The waiting list the mocked API answers with now; tests change it between pushes. */
let queueNow: QueueEntry[] = [];
let queueFetches = 0;

/** The API as a doctor's console sees it; handlers given first take precedence. */
function doctorApi(...overrides: RequestHandler[]) {
  // The last test's app goes first, so its push stream cannot linger among the new ones.
  fixtureCleanup();
  queueFetches = 0;
  return mockApi(
    ...overrides,
    http.get('/api/auth/session', () => HttpResponse.json(doctor)),
    http.get('/api/queue', () => {
      queueFetches += 1;
      return HttpResponse.json({ entries: queueNow });
    }),
    http.get('/api/patients', () =>
      HttpResponse.json({
        patients: [wangRecord],
      }),
    ),
    http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [] })),
    http.get('/api/consultations/:id', ({ params }) => HttpResponse.json(detail(String(params['id'])))),
    http.get('/api/specialists', () => HttpResponse.json({ specialists })),
    // The call screen asks for a token; LiveKit is not part of these tests.
    http.post('/api/calls/token', () =>
      HttpResponse.json({ error: { code: 'livekit_unavailable', message: '' } }, { status: 503 }),
    ),
  );
}

function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function buttonLabelled(root: Element | null, label: string): HTMLButtonElement | null {
  const buttons = [...(root?.shadowRoot?.querySelectorAll('button') ?? [])];
  return buttons.find((b) => text(b).includes(label)) ?? null;
}

function type(field: HTMLInputElement | HTMLTextAreaElement | null, value: string): void {
  field!.value = value;
  field!.dispatchEvent(new Event('input', { bubbles: true }));
}

const queueOf = (app: AppRoot) => deep<ConsoleQueue>(app, 'dah-console-home', 'dah-console-queue');
const callOf = (app: AppRoot) => deep(app, 'dah-console-call');

async function queueWithRows(app: AppRoot, rows: number): Promise<ConsoleQueue> {
  await waitUntil(
    () => queueOf(app)?.shadowRoot?.querySelectorAll('tr[data-entry-id]').length === rows,
    `${rows} rows in the queue`,
  );
  return queueOf(app)!;
}

/** A stand-in for the WebAudio alert that records what was played. */
function recordSounds(element: { sound: unknown }): string[] {
  const played: string[] = [];
  element.sound = {
    play: async (kind: string) => {
      played.push(kind);
      return true;
    },
    unlock: () => undefined,
  };
  return played;
}

describe('console: the doctor’s queue', () => {
  it('lists the waiting patients in the order given, urgent marked with a word and an icon', async () => {
    queueNow = [urgentWang, routineLi, routineZhao];
    await doctorApi();
    const app = await openConsole('/console');
    const queue = await queueWithRows(app, 3);
    const rows = [...queue.shadowRoot!.querySelectorAll('tr[data-entry-id]')];
    expect(rows.map((r) => r.getAttribute('data-entry-id'))).to.deep.equal(['q-wang', 'q-li', 'q-zhao']);

    const badge = rows[0]!.querySelector('.urgent-badge');
    expect(text(badge)).to.equal('紧急');
    expect(badge!.querySelector('svg')).to.not.equal(null);
    expect(rows[1]!.querySelector('.urgent-badge')).to.equal(null);

    expect(text(rows[0]!.querySelector('[data-facts]'))).to.equal('80 岁 · 女 · 柳树村');
    expect(text(rows[1])).to.contain('李建国').and.contain('74 岁').and.contain('头晕两天');
    expect(text(rows[0]!.querySelector('[data-waiting]'))).to.equal('等了 1 分钟');
    expect(text(rows[1]!.querySelector('[data-waiting]'))).to.equal('等了 12 分钟');
    expect(text(rows[2]!.querySelector('[data-waiting]'))).to.equal('等了 1 小时 15 分钟');
    // Each waiting resident's latest readings and colour: a word and an icon, never colour alone.
    const wangReadings = rows[0]!.querySelector('[data-readings]')!;
    expect(text(wangReadings)).to.contain('红色').and.contain('186/112 mmHg');
    expect(wangReadings.querySelector('[data-colour="red"] svg')).to.not.equal(null);
    expect(text(rows[1]!.querySelector('[data-readings]'))).to.contain('还没有测量记录');
    // An urgent patient already waiting on arrival also gets the banner.
    expect(text(queue.shadowRoot!.querySelector('[data-urgent-banner]'))).to.contain('王秀英');
  });

  it('keeps waiting times current: the words follow the clock', async () => {
    queueNow = [routineLi];
    await doctorApi();
    const app = await openConsole('/console');
    const queue = await queueWithRows(app, 1);
    const waiting = () => text(queue.shadowRoot!.querySelector('[data-waiting]'));
    expect(waiting()).to.equal('等了 12 分钟');
    queue.clock.now += 3 * 60_000;
    queue.requestUpdate();
    await queue.updateComplete;
    expect(waiting()).to.equal('等了 15 分钟');
  });

  it('a minute clock re-renders its host each period until the host leaves', async () => {
    let updates = 0;
    const host = { addController: () => undefined, requestUpdate: () => (updates += 1) } as never;
    let now = 0;
    const clock = new MinuteClock(host, undefined, () => (now += 60_000), 20);
    clock.hostConnected();
    await waitUntil(() => updates >= 2, 'two ticks');
    clock.hostDisconnected();
    const after = updates;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(updates).to.equal(after);
    expect(clock.now).to.be.greaterThan(60_000);
  });

  it('words a wait for people, not machines', () => {
    expect(waitingText(0)).to.equal('刚到');
    expect(waitingText(59)).to.equal('等了 59 分钟');
    expect(waitingText(120)).to.equal('等了 2 小时');
    expect(minutesSince(new Date(Date.now() + 60_000).toISOString(), Date.now())).to.equal(0);
  });

  it('a queue-changed push refreshes the list without a sound when nothing is urgent', async () => {
    queueNow = [routineLi];
    await doctorApi();
    const app = await openConsole('/console');
    const queue = await queueWithRows(app, 1);
    const played = recordSounds(queue);
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    queueNow = [routineLi, routineZhao];
    pushEvent({ type: 'queue-changed', urgent: false });
    await queueWithRows(app, 2);
    expect(played).to.deep.equal([]);
    expect(queue.shadowRoot!.querySelector('[data-urgent-banner]')).to.equal(null);
  });

  it('reads the list again when the push channel opens: a request made before the stream was open is not missed', async () => {
    queueNow = [routineLi];
    await doctorApi(
      http.get('/api/queue', () => {
        queueFetches += 1;
        const entries = queueNow;
        // Someone asks for a doctor right after this read, before the push stream is open: no event will say so.
        queueNow = [routineLi, urgentWang];
        return HttpResponse.json({ entries });
      }),
    );
    const app = await openConsole('/console');
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    const queue = await queueWithRows(app, 2);
    expect(queueFetches).to.be.at.least(2);
    expect(queue.shadowRoot!.querySelector('[data-urgent-banner]')).to.not.equal(null);
  });

  it('an urgent request sounds the alert and puts a 紧急 banner with the patient on top', async () => {
    queueNow = [routineLi];
    await doctorApi();
    const app = await openConsole('/console');
    const queue = await queueWithRows(app, 1);
    const played = recordSounds(queue);
    await waitUntil(() => openPushStreams() > 0, 'push channel open');

    queueNow = [urgentWang, routineLi];
    pushEvent({ type: 'queue-changed', urgent: true });
    await queueWithRows(app, 2);
    await waitUntil(() => queue.shadowRoot!.querySelector('[data-urgent-banner]'), 'urgent banner');
    const banner = queue.shadowRoot!.querySelector('[data-urgent-banner]')!;
    expect(banner.getAttribute('role')).to.equal('alert');
    expect(text(banner)).to.contain('紧急').and.contain('王秀英').and.contain('80 岁').and.contain('胸口疼');
    expect(banner.querySelector('svg')).to.not.equal(null);
    // Above the list, not in it.
    const table = queue.shadowRoot!.querySelector('table')!;
    expect(banner.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(played).to.deep.equal(['urgent']);

    // The same patient again does not ring again; acknowledging hides the banner.
    pushEvent({ type: 'queue-changed', urgent: true });
    await waitUntil(() => queueFetches >= 3, 'third fetch');
    await queue.updateComplete;
    expect(played).to.deep.equal(['urgent']);
    buttonLabelled(queue, '知道了')!.click();
    await queue.updateComplete;
    expect(queue.shadowRoot!.querySelector('[data-urgent-banner]')).to.equal(null);
  });

  it('says when the browser kept the alert silent, and offers to turn it on', async () => {
    queueNow = [];
    await doctorApi();
    const app = await openConsole('/console');
    await waitUntil(() => queueOf(app)?.shadowRoot?.querySelector('[data-empty]'), 'empty queue');
    const queue = queueOf(app)!;
    let unlocked = false;
    queue.sound = { play: async () => unlocked, unlock: () => (unlocked = true) };
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    queueNow = [urgentWang];
    pushEvent({ type: 'queue-changed', urgent: true });
    await waitUntil(() => buttonLabelled(queue, '开启提示音'), 'turn the sound on');
    expect(text(queue.shadowRoot!.querySelector('[data-urgent-banner]'))).to.contain(
      '浏览器没有让提示音响起',
    );
    buttonLabelled(queue, '开启提示音')!.click();
    await waitUntil(() => !buttonLabelled(queue, '开启提示音'), 'sound on');
    expect(unlocked).to.equal(true);
  });

  it('the real alert sound plays or says it could not, and never throws', async () => {
    const sound = new AlertSound();
    expect(await sound.play('urgent')).to.be.a('boolean');
    expect(await sound.play('chime')).to.be.a('boolean');
  });

  it('接诊 admits the patient and opens the call page', async () => {
    queueNow = [urgentWang, routineLi];
    let admitted: string | null = null;
    let csrf: string | null = null;
    await doctorApi(
      http.post('/api/queue/:id/admit', ({ params, request }) => {
        admitted = String(params['id']);
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(detail('c-li', { patient: { id: 'res-b', displayName: '李建国' } }));
      }),
      http.get('/api/consultations/c-li', () =>
        HttpResponse.json(detail('c-li', { patient: { id: 'res-b', displayName: '李建国' } })),
      ),
    );
    const app = await openConsole('/console');
    const queue = await queueWithRows(app, 2);
    queue.shadowRoot!.querySelector<HTMLButtonElement>('tr[data-entry-id="q-li"] button')!.click();
    await waitUntil(() => window.location.pathname === '/console/call/c-li', 'call page');
    expect(admitted).to.equal('q-li');
    expect(csrf).to.equal(doctor.csrfToken);
    await waitUntil(() => deep(app, 'dah-console-call', 'dah-call-screen'), 'call screen inside');
    await waitUntil(() => text(deep(app, 'dah-console-call', '#about-title')).includes('李建国'), 'who');
  });

  it('接诊 of a patient another doctor took says so and refreshes the list', async () => {
    queueNow = [routineLi];
    await doctorApi(
      http.post('/api/queue/:id/admit', () => {
        queueNow = [];
        return HttpResponse.json({ error: { code: 'conflict', message: '' } }, { status: 409 });
      }),
    );
    const app = await openConsole('/console');
    const queue = await queueWithRows(app, 1);
    queue.shadowRoot!.querySelector<HTMLButtonElement>('tr[data-entry-id] button')!.click();
    await waitUntil(() => queue.shadowRoot!.querySelector('[data-action-error]'), 'error');
    expect(text(queue.shadowRoot!.querySelector('[data-action-error]'))).to.contain('李建国已经不在队列里了');
    await waitUntil(() => queue.shadowRoot!.querySelector('[data-empty]'), 'refreshed, now empty');
    expect(window.location.pathname).to.equal('/console');
  });
});

describe('console: follow-up calls', () => {
  it('choose a patient and a reason, the TV rings, the call page shows 正在呼叫…', async () => {
    queueNow = [];
    let posted: unknown = null;
    await doctorApi(
      http.post('/api/consultations', async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(
          detail('c-fu', { kind: 'follow-up', status: 'ringing', reason: '血压复查' }),
        );
      }),
      http.get('/api/consultations/c-fu', () =>
        HttpResponse.json(detail('c-fu', { kind: 'follow-up', status: 'ringing', reason: '血压复查' })),
      ),
    );
    const app = await openConsole('/console');
    await waitUntil(
      () =>
        deep(app, 'dah-console-home', 'dah-console-follow-up')?.shadowRoot?.querySelector(
          'option[value=res-a]',
        ),
      'patients to choose from',
    );
    const form = deep(app, 'dah-console-home', 'dah-console-follow-up')!;
    const root = form.shadowRoot!;
    expect(text(root.querySelector('option[value=res-a]')))
      .to.contain('王秀英')
      .and.contain('岁');

    // Without a reason nothing is sent.
    const select = root.querySelector<HTMLSelectElement>('#patient')!;
    select.value = 'res-a';
    select.dispatchEvent(new Event('change'));
    buttonLabelled(form, '呼叫')!.click();
    await waitUntil(() => root.querySelector('[role=alert]'), 'reason required');
    expect(text(root.querySelector('[role=alert]'))).to.contain('随访原因');
    expect(posted).to.equal(null);

    type(root.querySelector<HTMLInputElement>('#reason'), ' 血压复查 ');
    buttonLabelled(form, '呼叫')!.click();
    await waitUntil(() => window.location.pathname === '/console/call/c-fu', 'call page');
    expect(posted).to.deep.equal({ patientId: 'res-a', reason: '血压复查' });
    await waitUntil(() => deep(app, 'dah-console-call', '[data-ring=ringing]'), 'ringing');
    expect(text(deep(app, 'dah-console-call', '[data-ring=ringing]'))).to.equal('正在呼叫王秀英…');

    // The resident declined: the doctor is told and can go back.
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    pushEvent({ type: 'ring-answered', consultationId: 'c-fu', answered: false });
    await waitUntil(() => deep(app, 'dah-console-call', '[data-ring=declined]'), 'declined');
    expect(text(deep(app, 'dah-console-call', '[data-ring=declined]'))).to.contain('王秀英没有接听');
    buttonLabelled(callOf(app), '返回工作台')!.click();
    await waitUntil(() => window.location.pathname === '/console', 'back to the queue');
  });

  it('取消呼叫 stops the ring before the resident answers', async () => {
    let cancelled = false;
    await doctorApi(
      http.get('/api/consultations/c-fu', () =>
        HttpResponse.json(detail('c-fu', { kind: 'follow-up', status: 'ringing', reason: '血压复查' })),
      ),
      http.post('/api/consultations/c-fu/cancel', () => {
        cancelled = true;
        return HttpResponse.json(detail('c-fu', { kind: 'follow-up', status: 'missed', reason: '血压复查' }));
      }),
    );
    const app = await openConsole('/console/call/c-fu');
    await waitUntil(() => deep(app, 'dah-console-call', '[data-ring=ringing]'), 'ringing');
    buttonLabelled(callOf(app), '取消呼叫')!.click();
    await waitUntil(() => deep(app, 'dah-console-call', '[data-ring=declined]'), 'stopped');
    expect(cancelled).to.equal(true);
  });

  it('a failed call keeps the choice and the reason and says what to do', async () => {
    queueNow = [];
    await doctorApi(
      http.post('/api/consultations', () =>
        HttpResponse.json({ error: { code: 'conflict', message: '' } }, { status: 409 }),
      ),
    );
    const app = await openConsole('/console');
    await waitUntil(
      () =>
        deep(app, 'dah-console-home', 'dah-console-follow-up')?.shadowRoot?.querySelector(
          'option[value=res-a]',
        ),
      'patients',
    );
    const form = deep(app, 'dah-console-home', 'dah-console-follow-up')!;
    const root = form.shadowRoot!;
    const select = root.querySelector<HTMLSelectElement>('#patient')!;
    select.value = 'res-a';
    select.dispatchEvent(new Event('change'));
    type(root.querySelector<HTMLInputElement>('#reason'), '血压复查');
    buttonLabelled(form, '呼叫')!.click();
    await waitUntil(() => root.querySelector('[role=alert]'), 'error');
    expect(text(root.querySelector('[role=alert]'))).to.contain('请稍后再试');
    expect(root.querySelector<HTMLInputElement>('#reason')!.value).to.equal('血压复查');
    expect(root.querySelector<HTMLSelectElement>('#patient')!.value).to.equal('res-a');
    expect(window.location.pathname).to.equal('/console');
  });
});

describe('console: in the call', () => {
  it('the invite panel lists specialists by department with their online state and invites one', async () => {
    let invited: unknown = null;
    let invitedTo: string | null = null;
    await doctorApi(
      http.post('/api/consultations/:id/invitations', async ({ params, request }) => {
        invitedTo = String(params['id']);
        invited = await request.json();
        return HttpResponse.json(invitationFor('inv-1'));
      }),
    );
    const app = await openConsole('/console/call/c-wang');
    await waitUntil(
      () => deep(app, 'dah-console-call', 'dah-console-invite-panel')?.shadowRoot?.querySelector('li'),
      'specialists',
    );
    const panel = deep(app, 'dah-console-call', 'dah-console-invite-panel')!;
    const departments = [...panel.shadowRoot!.querySelectorAll('h3')].map((h) => text(h));
    expect(departments).to.deep.equal(['心内科', '神经内科']);
    const presence = (id: string) =>
      text(panel.shadowRoot!.querySelector(`li[data-specialist-id=${id}] [data-presence]`));
    expect(presence('sp-liu')).to.contain('在线');
    expect(presence('sp-chen')).to.contain('离线');
    // Cardiology lists both of its specialists, Liu then Zhao.
    const cardiology = panel.shadowRoot!.querySelectorAll('ul')[0]!;
    expect(
      [...cardiology.querySelectorAll('li')].map((li) => li.getAttribute('data-specialist-id')),
    ).to.deep.equal(['sp-liu', 'sp-zhao']);

    panel.shadowRoot!.querySelector<HTMLButtonElement>('li[data-specialist-id=sp-liu] button')!.click();
    const answer = () => text(panel.shadowRoot!.querySelector('li[data-specialist-id=sp-liu] [data-answer]'));
    await waitUntil(() => answer().includes('等待回复'), 'pending');
    expect(invitedTo).to.equal('c-wang');
    expect(invited).to.deep.equal({ specialistId: 'sp-liu' });

    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    pushEvent({ type: 'invitation-answered', invitation: invitationFor('inv-1', { status: 'accepted' }) });
    await waitUntil(() => answer().includes('已接受'), 'accepted');
  });

  it('ending needs a diagnosis, keeps the summary when it fails, then posts it and returns to the queue', async () => {
    let attempts = 0;
    let posted: unknown = null;
    await doctorApi(
      http.post('/api/consultations/:id/end', async ({ request }) => {
        attempts += 1;
        if (attempts === 1)
          return HttpResponse.json({ error: { code: 'internal', message: '' } }, { status: 500 });
        posted = await request.json();
        return HttpResponse.json(detail('c-wang', { status: 'ended' }));
      }),
    );
    const app = await openConsole('/console/call/c-wang');
    await waitUntil(
      () => deep(app, 'dah-console-call', 'dah-console-end-form')?.shadowRoot?.querySelector('form'),
      'end form',
    );
    const form = deep<LitElement>(app, 'dah-console-call', 'dah-console-end-form')!;
    const root = form.shadowRoot!;
    // Prescribing sits beside the end form in the call's panel (pharmacy/console/prescribe-panel.ts).
    expect(deep(app, 'dah-console-call', 'dah-prescribe-panel'), 'the prescribing panel').to.not.equal(null);

    buttonLabelled(form, '结束问诊')!.click();
    await waitUntil(() => root.querySelector('[role=alert]'), 'diagnosis required');
    expect(text(root.querySelector('[role=alert]'))).to.contain('请先写诊断');
    expect(attempts).to.equal(0);

    type(root.querySelector('#diagnosis'), '高血压，控制欠佳');
    type(root.querySelector('#advice'), '氨氯地平继续服用，一周后复查血压');
    buttonLabelled(form, '结束问诊')!.click();
    await waitUntil(() => attempts === 1 && !buttonLabelled(form, '正在结束'), 'first attempt failed');
    await form.updateComplete;
    expect(text(root.querySelector('[role=alert]'))).to.contain('再试一次');
    expect(root.querySelector<HTMLTextAreaElement>('#diagnosis')!.value).to.equal('高血压，控制欠佳');
    expect(root.querySelector<HTMLTextAreaElement>('#advice')!.value).to.equal(
      '氨氯地平继续服用，一周后复查血压',
    );
    expect(window.location.pathname).to.equal('/console/call/c-wang');

    buttonLabelled(form, '结束问诊')!.click();
    await waitUntil(() => window.location.pathname === '/console', 'back to the queue');
    expect(posted).to.deep.equal({
      diagnosis: '高血压，控制欠佳',
      advice: '氨氯地平继续服用，一周后复查血压',
    });
    await waitUntil(() => queueOf(app), 'the queue again');
    expect(window.sessionStorage.getItem('dah-summary-draft:c-wang')).to.equal(null);
  });

  it('an urgent request during a call reaches the doctor there too, with the sound', async () => {
    queueNow = [];
    await doctorApi();
    const app = await openConsole('/console/call/c-li');
    await waitUntil(() => text(deep(app, 'dah-console-call', '#about-title')).includes('王秀英'), 'who');
    const call = callOf(app)!;
    const played = recordSounds(call as unknown as { sound: unknown });
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    queueNow = [urgentWang, routineLi];
    pushEvent({ type: 'queue-changed', urgent: true });
    await waitUntil(() => deep(app, 'dah-console-call', '[data-urgent-waiting]'), 'urgent notice');
    expect(text(deep(app, 'dah-console-call', '[data-urgent-waiting]')))
      .to.contain('紧急')
      .and.contain('王秀英');
    expect(played).to.deep.equal(['urgent']);
  });

  it('when the doctor hangs up, the page stays for the summary', async () => {
    await doctorApi();
    const app = await openConsole('/console/call/c-wang');
    await waitUntil(() => text(deep(app, 'dah-console-call', '#about-title')).includes('王秀英'), 'who');
    const hangUp = new CallHangUpEvent();
    deep(app, 'dah-console-call', 'dah-call-screen')!.dispatchEvent(hangUp);
    expect(hangUp.defaultPrevented).to.equal(true);
    await waitUntil(() => deep(app, 'dah-console-call', '[data-hung-up]'), 'what to do now');
    expect(text(deep(app, 'dah-console-call', '[data-hung-up]'))).to.contain('结束问诊');
    expect(deep(app, 'dah-console-call', 'dah-console-end-form')).to.not.equal(null);
    expect(window.location.pathname).to.equal('/console/call/c-wang');
  });

  it('a summary being typed survives a reload of the call page', async () => {
    await doctorApi();
    let app = await openConsole('/console/call/c-wang');
    await waitUntil(() => deep(app, 'dah-console-call', 'dah-console-end-form', '#diagnosis'), 'form');
    type(deep(app, 'dah-console-call', 'dah-console-end-form', '#diagnosis'), '上呼吸道感染');
    fixtureCleanup();
    app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => deep(app, 'dah-console-call', 'dah-console-end-form', '#diagnosis'), 'form again');
    expect(
      deep<HTMLTextAreaElement>(app, 'dah-console-call', 'dah-console-end-form', '#diagnosis')!.value,
    ).to.equal('上呼吸道感染');
  });
});

describe('console: a specialist’s Home', () => {
  /** The specialist's invitations as the mocked API lists them now. */
  let invitationsNow: Invitation[] = [];
  function specialistApi(...overrides: RequestHandler[]) {
    fixtureCleanup();
    invitationsNow = [invitationFor('inv-1')];
    return mockApi(
      ...overrides,
      http.get('/api/auth/session', () => HttpResponse.json(specialist)),
      http.get('/api/invitations/mine', () => HttpResponse.json({ invitations: invitationsNow })),
      http.get('/api/consultations/:id', ({ params }) =>
        HttpResponse.json(detail(String(params['id']), { specialists: [liu] })),
      ),
      http.post('/api/calls/token', () =>
        HttpResponse.json({ error: { code: 'livekit_unavailable', message: '' } }, { status: 503 }),
      ),
    );
  }
  const invitationsOf = (app: AppRoot) =>
    deep<ConsoleInvitations>(app, 'dah-console-home', 'dah-console-invitations');

  it('lists invitations with the patient, the inviting doctor and the reason; a new one arrives by push', async () => {
    await specialistApi();
    const app = await openConsole('/console');
    await waitUntil(
      () => invitationsOf(app)?.shadowRoot?.querySelector('[data-invitation-id]'),
      'invitation',
    );
    const list = invitationsOf(app)!;
    const played = recordSounds(list);
    const first = text(list.shadowRoot!.querySelector('[data-invitation-id=inv-1]'));
    expect(first)
      .to.contain('王秀英')
      .and.contain('张伟')
      .and.contain('柳树村卫生室')
      .and.contain('心电图异常');
    expect(deep(app, 'dah-console-home', 'dah-console-queue')).to.equal(null);

    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    const second = invitationFor('inv-2', {
      consultationId: 'c-li',
      patient: { id: 'res-b', displayName: '李建国' },
      reason: '头晕，需要神经内科意见',
    });
    invitationsNow = [...invitationsNow, second];
    pushEvent({ type: 'invitation', invitation: second });
    await waitUntil(() => list.shadowRoot!.querySelector('[data-invitation-id=inv-2]'), 'second invitation');
    expect(played).to.deep.equal(['chime']);
  });

  it('reads the invitations again when the push channel opens: one sent before the stream was open is not missed', async () => {
    await specialistApi(
      http.get('/api/invitations/mine', () => {
        const invitations = invitationsNow;
        // Invited right after this read, before the push stream is open: no event will say so.
        invitationsNow = [invitationFor('inv-1'), invitationFor('inv-2')];
        return HttpResponse.json({ invitations });
      }),
    );
    const app = await openConsole('/console');
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    await waitUntil(
      () => invitationsOf(app)?.shadowRoot?.querySelector('[data-invitation-id=inv-2]'),
      'the invitation sent before the stream opened',
    );
  });

  it('accepting an invitation opens the call', async () => {
    let accepted: string | null = null;
    await specialistApi(
      http.post('/api/invitations/:id/accept', ({ params }) => {
        accepted = String(params['id']);
        return HttpResponse.json(invitationFor('inv-1', { status: 'accepted' }));
      }),
    );
    const app = await openConsole('/console');
    await waitUntil(
      () => invitationsOf(app)?.shadowRoot?.querySelector('[data-invitation-id]'),
      'invitation',
    );
    buttonLabelled(invitationsOf(app), '接受并加入')!.click();
    await waitUntil(() => window.location.pathname === '/console/call/c-wang', 'call page');
    expect(accepted).to.equal('inv-1');
    await waitUntil(() => deep(app, 'dah-console-call', 'dah-call-screen'), 'call screen');
    // A specialist does not end the consultation or invite others.
    await waitUntil(() => text(deep(app, 'dah-console-call', '#about-title')).includes('王秀英'), 'who');
    expect(deep(app, 'dah-console-call', 'dah-console-end-form')).to.equal(null);
    expect(deep(app, 'dah-console-call', 'dah-console-invite-panel')).to.equal(null);
    // Hanging up is the call screen's to handle (back to Home): nothing to write for a specialist.
    const hangUp = new CallHangUpEvent();
    deep(app, 'dah-console-call', 'dah-call-screen')!.dispatchEvent(hangUp);
    expect(hangUp.defaultPrevented).to.equal(false);

    // The doctor ends it: the specialist's page says so.
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    pushEvent({ type: 'ended', consultationId: 'c-wang', summary: { diagnosis: '心绞痛待排', advice: '' } });
    await waitUntil(() => text(callOf(app)?.shadowRoot?.querySelector('.ended')).includes('已结束'), 'ended');
    expect(text(callOf(app)!.shadowRoot!.querySelector('.ended'))).to.contain('心绞痛待排');
    expect(deep(app, 'dah-console-call', 'dah-call-screen')).to.equal(null);
  });

  it('declining removes the invitation from the list', async () => {
    let declined = false;
    await specialistApi(
      http.post('/api/invitations/:id/decline', () => {
        declined = true;
        return HttpResponse.json(invitationFor('inv-1', { status: 'declined' }));
      }),
    );
    const app = await openConsole('/console');
    await waitUntil(
      () => invitationsOf(app)?.shadowRoot?.querySelector('[data-invitation-id]'),
      'invitation',
    );
    buttonLabelled(invitationsOf(app), '婉拒')!.click();
    await waitUntil(() => invitationsOf(app)!.shadowRoot!.querySelector('[data-empty]'), 'empty');
    expect(declined).to.equal(true);
  });
});

describe('console: trusted auto-answer per device', () => {
  const tv = {
    id: 'dev-1',
    kind: 'tv' as const,
    name: '王秀英家的电视',
    residentId: 'res-a',
    careHomeId: null,
    pairedAt: minutesAgo(60 * 24),
    lastSeenAt: minutesAgo(1),
    revokedAt: null,
    autoAnswer: false,
    pairedByName: '张伟',
    confirmed: true,
  };

  it('a TV an administrator paired shows who paired it and waits for the family doctor, who confirms it', async () => {
    const confirmed: string[] = [];
    const pending = { ...tv, id: 'dev-2', pairedByName: '周磊', confirmed: false };
    await doctorApi(
      http.get('/api/directory/residents', () => HttpResponse.json({ residents: [], careHomes: [] })),
      http.get('/api/devices', () =>
        HttpResponse.json({ devices: [tv, { ...pending, confirmed: confirmed.length > 0 }] }),
      ),
      http.post('/api/devices/:id/confirm', ({ params }) => {
        confirmed.push(String(params.id));
        return HttpResponse.json({ ...pending, confirmed: true });
      }),
    );
    const app = await openConsole('/console/pair');
    await waitUntil(() => deep(app, 'dah-devices-screen', '[data-confirm]'), 'confirm button');
    const devices = deep<LitElement>(app, 'dah-devices-screen')!;
    const row = () => devices.shadowRoot!.querySelector('tr[data-device-id=dev-2]')!;
    expect(text(row())).to.contain('周磊');
    expect(text(row())).to.contain('待家庭医生确认');
    expect(devices.shadowRoot!.querySelectorAll('[data-confirm]').length).to.equal(1);
    row().querySelector<HTMLButtonElement>('[data-confirm]')!.click();
    await waitUntil(() => confirmed.length === 1 && !row().querySelector('[data-confirm]'), 'confirmed');
    expect(confirmed).to.deep.equal(['dev-2']);
    expect(text(row())).to.contain('使用中');
  });

  it('the device list switches it on (after a confirmation) and off again', async () => {
    const sent: unknown[] = [];
    await doctorApi(
      http.get('/api/directory/residents', () => HttpResponse.json({ residents: [], careHomes: [] })),
      http.get('/api/devices', () => HttpResponse.json({ devices: [tv] })),
      http.put('/api/devices/:id/auto-answer', async ({ request }) => {
        const body = (await request.json()) as { autoAnswer: boolean };
        sent.push(body);
        return HttpResponse.json({ ...tv, autoAnswer: body.autoAnswer });
      }),
    );
    const app = await openConsole('/console/pair');
    await waitUntil(() => deep(app, 'dah-devices-screen', '[data-auto-answer]'), 'switch');
    const devices = deep<LitElement>(app, 'dah-devices-screen')!;
    const box = () => devices.shadowRoot!.querySelector<HTMLInputElement>('[data-auto-answer]')!;
    const confirm = window.confirm;
    try {
      window.confirm = () => false;
      box().click();
      await devices.updateComplete;
      expect(box().checked).to.equal(false);
      expect(sent).to.deep.equal([]);

      window.confirm = () => true;
      box().click();
      await waitUntil(() => sent.length === 1 && text(box().parentElement).includes('已开启'), 'on');
      box().click();
      await waitUntil(() => sent.length === 2 && !box().checked, 'off');
      expect(sent).to.deep.equal([{ autoAnswer: true }, { autoAnswer: false }]);
    } finally {
      window.confirm = confirm;
    }
  });
});
