import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PatientRecord } from '../../shared/directory/schemas.js';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext, sessionContext, kioskWaitingRoomContext } from '../state/contexts.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../consultations/waiting-room.js';
import { kioskConsult, kioskWaiting } from '../consultations/paths.js';
import { kioskDoses } from '../pharmacy/paths.js';
import { SessionChangedEvent } from '../state/session.js';
import { remotePressOf } from '../input/remote-keys.js';
import { findResidents } from '../../shared/directory/find-resident.js';
import { kioskMeasure } from '../readings/paths.js';
import * as directoryApi from '../directory/api.js';
import * as identityApi from '../identity/api.js';

/**
 * What choosing a resident does: ask a doctor for them, or measure them (the morning round). Kept
 * while the app runs, so the list comes back in the mode the nurse left it (no resident data).
 */
type Mode = 'consult' | 'measure';
let lastMode: Mode = 'consult';

type Load =
  { kind: 'loading' } | { kind: 'loaded'; residents: PatientRecord[] } | { kind: 'error'; message: string };

/**
 * The kiosk's Home: the care home and the nurse signed in, and the care home's residents: the
 * nurse picks one to ask a doctor for a video consultation (请医生视频问诊); while the kiosk waits
 * for a doctor, it says for whom and leads back to the wait.
 */
@customElement('dah-kiosk-home')
@localized()
export class KioskHome extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        padding: var(--dah-safe-y) var(--dah-safe-x);
      }
      h1 {
        font-size: var(--dah-font-heading);
        margin: 0 0 var(--dah-space);
      }
      /* A whole care home (up to 150): cards across the width of the screen (issue 17). */
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: repeat(
          auto-fill,
          minmax(calc(420 * var(--dah-px) * var(--dah-text-scale)), 1fr)
        );
        grid-gap: var(--dah-space) calc(var(--dah-space) * 1.5);
      }
      button {
        min-height: var(--dah-target);
        min-width: var(--dah-target);
        font: inherit;
        text-align: left;
        padding: var(--dah-space) calc(var(--dah-space) * 2);
        border: 0;
        border-radius: var(--dah-radius);
        background: var(--dah-surface);
        color: var(--dah-text);
      }
      .muted {
        color: var(--dah-text-muted);
      }
      button.resident {
        width: 100%;
        height: 100%;
      }
      .resident strong,
      .resident span {
        display: block;
      }
      .finder {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        margin: 0 0 var(--dah-space);
      }
      .finder label {
        margin-right: var(--dah-space);
      }
      .finder input {
        font: inherit;
        min-height: var(--dah-target);
        width: calc(520 * var(--dah-px));
        box-sizing: border-box;
        padding: 0 var(--dah-space);
        margin-right: var(--dah-space);
        border: calc(3 * var(--dah-px)) solid var(--dah-text-muted);
        border-radius: var(--dah-radius);
        background: var(--dah-surface);
        color: var(--dah-text);
      }
      .waiting {
        margin-bottom: var(--dah-space);
      }
      .top button,
      .modes button {
        margin: 0 var(--dah-space) var(--dah-space) 0;
      }
      .modes button[aria-pressed='true'] {
        box-shadow: inset 0 0 0 calc(4 * var(--dah-px)) var(--dah-ok);
      }
      .modes button[aria-pressed='true']::before {
        content: '✓ ';
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @consume({ context: kioskWaitingRoomContext }) kioskRoom?: WaitingRoom;
  @state() private load: Load = { kind: 'loading' };
  /** What the nurse typed to find a resident: room number, name, or the ID card's last digits. */
  @state() private query = '';
  @state() private mode: Mode = lastMode;
  private readonly watcher = new WaitingRoomWatcher(this, () => this.kioskRoom);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
    void this.fetchResidents();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
  }

  /**
   * The remote's digits, pressed anywhere on the list, go into the finder (key-router.ts: digits
   * belong to the focused component). In the finder's own field they are typing.
   */
  private readonly onKey = (event: KeyboardEvent) => {
    if (event.composedPath()[0] instanceof HTMLInputElement) return;
    const press = remotePressOf(event);
    if (press?.key !== 'digit' || this.load.kind !== 'loaded') return;
    event.preventDefault();
    this.find(this.query + String(press.digit));
  };

  /** A new search: focus goes to the first resident that fits (else stays on the finder). */
  private async find(query: string, focusFinder = false): Promise<void> {
    this.query = query;
    await this.updateComplete;
    const first = focusFinder ? null : this.shadowRoot?.querySelector<HTMLElement>('button.resident');
    (first ?? this.shadowRoot?.querySelector<HTMLElement>('#find'))?.focus();
  }

  private async fetchResidents(): Promise<void> {
    this.load = { kind: 'loading' };
    try {
      const { patients } = await directoryApi.patients(this.api);
      this.load = { kind: 'loaded', residents: patients };
      await this.updateComplete;
      // The nurse comes for the residents (or the wait in progress), not to sign out.
      const first = this.shadowRoot?.querySelector<HTMLElement>('.waiting button, button.resident');
      (first ?? this.shadowRoot?.querySelector('button'))?.focus();
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
  }

  private async signOut(): Promise<void> {
    try {
      const session = await identityApi.staffSignOut(this.api);
      this.dispatchEvent(new SessionChangedEvent(session.actor));
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
  }

  override render() {
    const actor = this.actor;
    const greeting =
      actor?.kind === 'kiosk'
        ? msg(str`${actor.organisationName} · ${actor.staff?.displayName ?? ''}`)
        : msg('临医在家');
    return html`
      <h1>${greeting}</h1>
      <p class="top">
        <button
          data-focus-key="doses"
          @click=${() => this.dispatchEvent(new NavigateEvent(kioskDoses.build()))}
        >
          ${msg('今日用药：逾时未服与漏服')}
        </button>
        <button @click=${() => this.signOut()}>${msg('退出，换人登录')}</button>
      </p>
      ${this.renderBody()}
    `;
  }

  private renderBody() {
    switch (this.load.kind) {
      case 'loading':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.load.message}</p>
          <button @click=${this.fetchResidents}>${msg('再试一次')}</button>`;
      case 'loaded':
        return this.renderResidents(this.load.residents);
    }
  }

  /** The care home's residents; choosing one asks a doctor for them. */
  private renderResidents(residents: PatientRecord[]) {
    const place = this.kioskRoom?.place;
    const waiting = place?.status === 'waiting' ? place : null;
    return html`${
        waiting
          ? html`<div class="waiting">
              <p role="status">
                ${msg(str`正在为${waiting.patient?.displayName ?? ''}请医生：`)}${positionText(waiting)}
              </p>
              <button
                data-focus-key="kiosk-waiting"
                @click=${() => this.dispatchEvent(new NavigateEvent(kioskWaiting.build()))}
              >
                ${msg('回到等候页面')}
              </button>
            </div>`
          : null
      }
      <h2>${msg('本院居民')}</h2>
      ${this.renderModes()}
      ${residents.length === 0 ? html`<p class="muted">${msg('这家养老院还没有登记居民。')}</p>` : this.renderList(residents)}`;
  }

  private setMode(mode: Mode): void {
    this.mode = lastMode = mode;
  }

  /** What a card does when chosen: the two things a nurse does for a resident here. */
  private renderModes() {
    return html`<div class="modes" role="group" aria-label=${msg('选居民做什么')}>
        <button
          data-focus-key="mode-consult"
          aria-pressed=${this.mode === 'consult' ? 'true' : 'false'}
          @click=${() => this.setMode('consult')}
        >
          ${msg('请医生视频问诊')}
        </button>
        <button
          data-focus-key="mode-measure"
          aria-pressed=${this.mode === 'measure' ? 'true' : 'false'}
          @click=${() => this.setMode('measure')}
        >
          ${msg('量血压')}
        </button>
      </div>
      <p class="muted">
        ${
          this.mode === 'measure'
            ? msg('选一位居民，为他量血压；量完一位，按“下一位”接着量。')
            : msg('选一位居民，为他请医生视频问诊。')
        }
      </p>`;
  }

  private choose(resident: PatientRecord): void {
    const path =
      this.mode === 'measure'
        ? kioskMeasure.build({ patientId: resident.id })
        : kioskConsult.build({ patientId: resident.id });
    this.dispatchEvent(new NavigateEvent(path));
  }

  /** The finder and the residents that fit it, as cards across the screen. */
  private renderList(residents: PatientRecord[]) {
    const shown = findResidents(residents, this.query);
    const careHome = this.actor?.organisationName ?? '';
    return html`<div class="finder">
        <label for="find">${msg('找居民：房间号、姓名或身份证尾号')}</label>
        <input
          id="find"
          type="search"
          data-focus-key="find"
          autocomplete="off"
          .value=${this.query}
          @input=${(event: Event) => (this.query = (event.target as HTMLInputElement).value)}
        />
        ${
          this.query
            ? html`<button data-focus-key="clear-find" @click=${() => this.find('', true)}>
                ${msg('清除')}
              </button>`
            : null
        }
      </div>
      <p role="status" class="muted">
        ${
          this.query
            ? shown.length === 0
              ? msg(str`没有找到“${this.query}”。请换一种找法，或清除后看全部居民。`)
              : msg(str`找到${shown.length}位居民`)
            : msg(str`共${residents.length}位居民`)
        }
      </p>
      <ul>
        ${shown.map(
          (r) =>
            html`<li>
              <button class="resident" data-focus-key=${r.id} @click=${() => this.choose(r)}>
                <strong>${r.displayName}</strong>
                <span class="muted">${roomWords(r.address, careHome)}</span>
              </button>
            </li>`,
        )}
      </ul>`;
  }
}

/** The room without the care home's name, which the screen's title already says. */
function roomWords(address: string, careHome: string): string {
  return careHome && address.startsWith(careHome) ? address.slice(careHome.length) : address;
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-home': KioskHome;
  }
}
