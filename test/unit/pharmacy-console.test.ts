import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ApiClient } from '../../src/app/api/api-client.js';
import '../../src/app/pharmacy/console/doctor-pharmacy.js';
import '../../src/app/pharmacy/console/pharmacist-queue.js';
import '../../src/app/pharmacy/console/prescribe-panel.js';
import { apiContext, pushContext } from '../../src/app/state/contexts.js';
import { PushChannel } from '../../src/app/api/push-channel.js';
import type { Order } from '../../src/shared/pharmacy/schemas.js';
import { mockApi } from './support/msw.js';
import { amlodipine, orderOf } from './support/pharmacy.js';

function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const findButton = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((b) => text(b).includes(label)) ?? null;

function buttonLabelled(root: ParentNode, label: string): HTMLButtonElement {
  const button = findButton(root, label);
  if (!button) throw new Error(`no button ${label}`);
  return button;
}

function type(field: Element | null, value: string, event = 'input'): void {
  (field as HTMLInputElement).value = value;
  field!.dispatchEvent(new Event(event, { bubbles: true }));
}

/** The element inside a provider of the API client and a (closed) push channel. */
async function mount<T extends HTMLElement>(tag: string, attrs = ''): Promise<T> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: apiContext, initialValue: new ApiClient() });
  new ContextProvider(host, { context: pushContext, initialValue: new PushChannel() });
  host.innerHTML = `<${tag} ${attrs}></${tag}>`;
  const element = host.firstElementChild as T & { updateComplete: Promise<unknown> };
  await element.updateComplete;
  return element;
}

describe('Pharmacy in the console', () => {
  it('the doctor finds a medicine by pinyin initials and prescribes dose, frequency, days and refills', async () => {
    const searched: string[] = [];
    const posted: unknown[] = [];
    await mockApi(
      http.get('/api/pharmacy/catalogue', ({ request }) => {
        const q = new URL(request.url).searchParams.get('q') ?? '';
        searched.push(q);
        return HttpResponse.json({ medicines: q === 'adp' ? [amlodipine] : [] });
      }),
      http.post('/api/consultations/c-1/prescriptions', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(
          {
            prescriptions: [{ ...orderOf().items[0], ...prescription() }],
            order: orderOf({ kind: 'new' }),
          },
          { status: 201 },
        );
      }),
    );
    const panel = await mount<HTMLElement>('dah-prescribe-panel', 'consultation-id="c-1"');
    const root = panel.shadowRoot!;
    type(root.querySelector('#rx-search'), 'adp');
    await waitUntil(() => root.querySelector('[data-medicine="amlodipine-5mg"]'), 'found by initials');
    expect(searched).to.deep.equal(['adp']);
    root.querySelector<HTMLButtonElement>('[data-medicine="amlodipine-5mg"]')!.click();
    await waitUntil(() => root.querySelector('#rx-dose'), 'the form');
    type(root.querySelector('#rx-dose'), '0.5');
    type(root.querySelector('#rx-frequency'), 'bid', 'change');
    type(root.querySelector('#rx-days'), '30');
    type(root.querySelector('#rx-refills'), '1');
    buttonLabelled(root, '开药并送药师审核').click();
    await waitUntil(() => root.querySelector('[data-prescribed]'), 'prescribed');
    expect(posted).to.deep.equal([
      {
        lines: [
          {
            medicineId: 'amlodipine-5mg',
            doseAmount: 0.5,
            doseUnit: 'tablet',
            frequency: 'bid',
            daysSupply: 30,
            refills: 1,
          },
        ],
      },
    ]);
    expect(text(root.querySelector('[data-prescribed]'))).to.contain('已送药师审核');
  });

  it('the pharmacist sees the pre-screen findings, must give a reason to send back, and dispatches with a tracking number', async () => {
    const steps: { step: string; body: unknown }[] = [];
    let order: Order = orderOf({
      status: 'under_review',
      findings: [
        {
          rule: 'duplicate_therapy',
          severity: 'block',
          prescriptionId: 'rx-amlo',
          params: {},
          detail: '与硝苯地平控释片同属二氢吡啶类钙通道阻滞剂',
          citation: '《医疗机构处方审核规范》第十五条',
        },
      ],
    });
    await mockApi(
      http.get('/api/pharmacy/orders', () => HttpResponse.json({ orders: [order] })),
      http.post('/api/pharmacy/orders/ord-1/:step', async ({ params, request }) => {
        const step = String(params['step']);
        const body = await request.text();
        steps.push({ step, body: body ? JSON.parse(body) : null });
        const next = { approve: 'approved', dispatch: 'dispatched', return: 'returned_to_doctor' } as const;
        order = {
          ...order,
          status: next[step as keyof typeof next],
          ...(step === 'dispatch' ? { courier: '顺丰速运', trackingNumber: 'SF1234567890' } : {}),
        };
        return HttpResponse.json(order);
      }),
    );
    const queue = await mount<HTMLElement>('dah-pharmacist-queue');
    const root = queue.shadowRoot!;
    await waitUntil(() => root.querySelector('[data-findings]'), 'findings');
    expect(text(root.querySelector('[data-findings]'))).to.contain('不宜通过：重复用药');
    expect(text(root.querySelector('[data-findings]'))).to.contain('第十五条');
    buttonLabelled(root, '退回医生修改').click();
    await waitUntil(() => root.querySelector('[role=alert]'), 'asks for the reason');
    expect(steps, 'nothing sent without a reason').to.deep.equal([]);
    buttonLabelled(root, '审核通过').click();
    await waitUntil(() => root.querySelector('#courier-ord-1'), 'approved: the dispatch form');
    type(root.querySelector('#courier-ord-1'), '顺丰速运');
    type(root.querySelector('#tracking-ord-1'), 'SF1234567890');
    buttonLabelled(root, '发货').click();
    await waitUntil(() => findButton(root, '已送达'), 'dispatched');
    expect(steps).to.deep.equal([
      { step: 'approve', body: null },
      { step: 'dispatch', body: { courier: '顺丰速运', trackingNumber: 'SF1234567890' } },
    ]);
  });

  it('the doctor changes a returned prescription and resubmits it, and sees missed doses and 30-day adherence', async () => {
    const resubmitted: unknown[] = [];
    await mockApi(
      http.get('/api/pharmacy/orders', () =>
        HttpResponse.json({
          orders: resubmitted.length
            ? []
            : [orderOf({ status: 'returned_to_doctor', reason: '剂量超过说明书最大日剂量' })],
        }),
      ),
      http.get('/api/pharmacy/missed-doses', () =>
        HttpResponse.json({
          doses: [
            {
              patient: { id: 'res-a', displayName: '王秀英' },
              prescriptionId: 'rx-amlo',
              genericNameZh: '苯磺酸氨氯地平片',
              scheduledAt: '2026-12-05T00:00:00.000Z',
            },
          ],
        }),
      ),
      http.get('/api/patients', () =>
        HttpResponse.json({ patients: [{ id: 'res-a', displayName: '王秀英' }] }),
      ),
      http.get('/api/pharmacy/patients/res-a/adherence', () =>
        HttpResponse.json({
          patientId: 'res-a',
          days: 30,
          medicines: [
            {
              prescriptionId: 'rx-amlo',
              genericNameZh: '苯磺酸氨氯地平片',
              scheduled: 30,
              onTime: 24,
              late: 3,
              missed: 3,
              onTimePercent: 80,
            },
          ],
        }),
      ),
      http.post('/api/pharmacy/orders/ord-1/resubmit', async ({ request }) => {
        resubmitted.push(await request.json());
        return HttpResponse.json(orderOf({ status: 'under_review' }));
      }),
    );
    const page = await mount<HTMLElement>('dah-doctor-pharmacy');
    const root = page.shadowRoot!;
    await waitUntil(() => root.querySelector('[data-returned]'), 'the returned prescription');
    expect(text(root.querySelector('[data-returned]'))).to.contain('剂量超过说明书最大日剂量');
    expect(text(root.querySelector('[data-missed]'))).to.contain('王秀英：苯磺酸氨氯地平片');
    type(root.querySelector('#dose-rx-amlo'), '1');
    type(root.querySelector('#days-rx-amlo'), '28');
    buttonLabelled(root, '修改后重新提交审核').click();
    await waitUntil(() => root.querySelector('[role=alert]'), 'asks what changed');
    expect(resubmitted).to.deep.equal([]);
    type(root.querySelector('#note-ord-1'), '改为每日1片');
    buttonLabelled(root, '修改后重新提交审核').click();
    await waitUntil(() => resubmitted.length === 1, 'resubmitted');
    expect(resubmitted[0]).to.deep.equal({
      note: '改为每日1片',
      changes: [{ prescriptionId: 'rx-amlo', doseAmount: 1, frequency: 'qd', daysSupply: 28 }],
    });
    buttonLabelled(root, '查看依从性').click();
    await waitUntil(() => root.querySelector('[data-adherence="res-a"]'), 'adherence');
    expect(text(root.querySelector('[data-adherence="res-a"]'))).to.contain(
      '按时80%（按时24，迟服3，漏服3）',
    );
  });
});

function prescription() {
  return {
    id: 'rx-new',
    patientId: 'res-a',
    doctorId: 'dr-a',
    consultationId: 'c-1',
    medicine: amlodipine,
    doseAmount: 0.5,
    doseUnit: 'tablet',
    frequency: 'bid',
    route: 'oral',
    daysSupply: 30,
    refills: 1,
    refillsUsed: 0,
    status: 'active',
    issuedAt: '2026-12-05T00:00:00.000Z',
    validUntil: '2027-01-04T00:00:00.000Z',
  };
}
