import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../../src/app/app-root.js';
import type { AppRoot } from '../../../src/app/app-root.js';
import type { ConsultationDetail } from '../../../src/shared/consultations/schemas.js';

/** The app at a console path, signed in as whatever the mocked API's session says. */
export async function openConsole(path: string): Promise<AppRoot> {
  fixtureCleanup();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', path);
  return fixture<AppRoot>(html`<dah-app></dah-app>`);
}

/** Walks down through shadow roots: each selector is looked up in the previous match's shadow root. */
export function deep<T extends Element = HTMLElement>(from: Element, ...selectors: string[]): T | null {
  let current: Element | null = from;
  for (const selector of selectors) {
    current = current?.shadowRoot?.querySelector(selector) ?? null;
    if (!current) return null;
  }
  return current as T;
}

/** Dr Zhang's colour-management follow-up with Wang Xiuying, as the API answers it; `change` on top. */
export function followUpDetail(id: string, change: Partial<ConsultationDetail> = {}): ConsultationDetail {
  return {
    id,
    kind: 'follow-up',
    status: 'active',
    reason: '分色管理随访',
    patient: { id: 'res-a', displayName: '王秀英' },
    doctor: {
      id: 'dr-a',
      displayName: '张伟',
      role: 'doctor',
      organisationName: '柳树村卫生室',
      department: null,
    },
    specialists: [],
    summary: null,
    createdAt: new Date().toISOString(),
    endedAt: null,
    readings: [],
    ...change,
  };
}
