// The family doctor's QR card in the console (issue 14 §9), in the real app root against msw: the
// resident's page shows the card in use; 打印二维码卡 issues one and shows the printable card (the QR
// code as SVG, decoded back to the card's content, the resident's name and village, the doctor's
// name and phone, how to use it); 作废 asks, then revokes; a doctor who may not is told so.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse, type RequestHandler } from 'msw';
import decodeQR from 'qr/decode.js';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import type { IssuedResidentCard, ResidentCardStatus } from '../../src/shared/identity/card-schemas.js';
import { wangReadings } from './support/app.js';
import { mockApi, recorder } from './support/msw.js';
import { doctor } from './support/sessions.js';

const CONTENT = `DAH1:${'x'.repeat(21)}-_${'Y'.repeat(20)}`;

const status = (card: ResidentCardStatus['card']): ResidentCardStatus => ({
  resident: { id: 'res-a', displayName: '王秀英', village: '柳树村卫生室' },
  familyDoctor: { id: 'dr-a', displayName: '张伟', phone: '0739-5550101' },
  card,
});
const inUse = status({ issuedAt: '2026-03-01T02:00:00.000Z', issuedBy: { id: 'dr-a', displayName: '张伟' } });

const recordOfWang = {
  patient: { id: 'res-a', displayName: '王秀英', birthDate: '1946-03-12', sex: 'female' },
  conditions: ['hypertension'],
  allergies: [],
  latestReadings: [],
  medicines: [],
  nextAppointment: null,
  consultations: [],
  homeVisits: [],
  notYetAvailable: [],
};

function doctorApi(...overrides: RequestHandler[]) {
  fixtureCleanup();
  return mockApi(
    ...overrides,
    http.get('/api/auth/session', () => HttpResponse.json(doctor)),
    http.get('/api/queue', () => HttpResponse.json({ entries: [] })),
    http.get('/api/patients', () => HttpResponse.json({ patients: [] })),
    http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [] })),
    http.get('/api/patients/res-a/readings', () => HttpResponse.json(wangReadings())),
    http.get('/api/patients/res-a/summary', () => HttpResponse.json(recordOfWang)),
  );
}

async function openPanel(): Promise<{ app: AppRoot; panel: () => ShadowRoot }> {
  fixtureCleanup();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/console/colour-view/res-a');
  const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
  const panel = () =>
    app
      .shadowRoot!.querySelector('dah-console-resident-readings')
      ?.shadowRoot?.querySelector('dah-resident-card-panel')?.shadowRoot ?? null;
  await waitUntil(() => panel()?.querySelector('[data-card-state]'), 'the card panel', { timeout: 5000 });
  return { app, panel: () => panel()! };
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The SVG drawn on a canvas, 8 pixels a module, and read back by a QR decoder. */
async function decode(svg: SVGSVGElement): Promise<string> {
  const size = svg.viewBox.baseVal.width * 8;
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }),
  );
  const image = new Image(size, size);
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = reject;
    image.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0, size, size);
  URL.revokeObjectURL(url);
  const pixels = context.getImageData(0, 0, size, size);
  return decodeQR({ width: size, height: size, data: pixels.data });
}

describe('console: the QR card on a resident’s page', () => {
  it('打印二维码卡 issues a card and shows it ready to print: the QR decodes to its content, the words are there', async () => {
    const rec = recorder();
    await doctorApi(
      http.get('/api/patients/res-a/card', () => HttpResponse.json(status(null))),
      http.post('/api/patients/res-a/card', () => {
        rec.note('issue');
        const issued: IssuedResidentCard = { ...inUse, content: CONTENT };
        return HttpResponse.json(issued, { status: 201 });
      }),
    );
    const { panel } = await openPanel();
    expect(text(panel().querySelector('[data-card-state]'))).to.contain('还没有在用的卡');
    expect(panel().querySelector('[data-action="revoke-card"]')).to.equal(null);
    panel().querySelector<HTMLButtonElement>('[data-action="issue-card"]')!.click();
    const frame = () => panel().querySelector<HTMLIFrameElement>('iframe[data-printable-card]');
    await waitUntil(
      () => frame()?.contentDocument?.querySelector('[data-qr] svg path'),
      'the printable card',
      {
        timeout: 5000,
      },
    );
    expect(rec.calls['issue']).to.have.length(1);
    const card = frame()!.contentDocument!;
    expect(text(card.querySelector('[data-name]'))).to.equal('王秀英');
    expect(text(card.querySelector('[data-village]'))).to.equal('柳树村卫生室');
    expect(text(card.querySelector('[data-doctor]')))
      .to.contain('张伟')
      .and.contain('0739-5550101');
    expect(text(card.querySelector('[data-how]'))).to.contain('扫描口');
    // Print CSS travels with the card itself.
    expect(text(card.querySelector('style')))
      .to.contain('@media print')
      .and.contain('@page');
    expect(await decode(card.querySelector<SVGSVGElement>('[data-qr] svg')!)).to.equal(CONTENT);
    expect(text(panel().querySelector('[data-card-state]')))
      .to.contain('在用的卡')
      .and.contain('张伟');
    expect(panel().querySelector('[data-action="print-card"]')).to.not.equal(null);
    // Closing forgets the content: it exists nowhere else.
    panel().querySelector<HTMLButtonElement>('[data-action="close-card"]')!.click();
    await waitUntil(() => !frame(), 'the card closed');
  });

  it('作废 asks first, then revokes the card in use', async () => {
    const rec = recorder();
    await doctorApi(
      http.get('/api/patients/res-a/card', () => HttpResponse.json(inUse)),
      http.delete('/api/patients/res-a/card', () => {
        rec.note('revoke');
        return HttpResponse.json(status(null));
      }),
    );
    const { panel } = await openPanel();
    expect(text(panel().querySelector('[data-card-state]'))).to.contain('张伟');
    panel().querySelector<HTMLButtonElement>('[data-action="revoke-card"]')!.click();
    await waitUntil(() => panel().querySelector('[data-action="confirm-revoke"]'), 'the question');
    expect(rec.calls['revoke']).to.equal(undefined);
    expect(text(panel())).to.contain('确定作废吗');
    panel().querySelector<HTMLButtonElement>('[data-action="confirm-revoke"]')!.click();
    await waitUntil(
      () => text(panel().querySelector('[data-card-state]')).includes('还没有在用的卡'),
      'revoked',
    );
    expect(rec.calls['revoke']).to.have.length(1);
  });

  it('a doctor who is not the resident’s own is told who may', async () => {
    await doctorApi(
      http.get('/api/patients/res-a/card', () =>
        HttpResponse.json({ error: { code: 'forbidden', message: '' } }, { status: 403 }),
      ),
    );
    const { panel } = await openPanel();
    expect(text(panel().querySelector('[data-card-state="error"]'))).to.contain('家庭医生');
  });
});
