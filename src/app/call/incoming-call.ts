import { localized, msg, str } from '@lit/localize';
import { APPOINTMENT_RING_REASON } from '../../shared/schedule/schedule-rules.js';
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Clinician } from '../../shared/consultations/schemas.js';
import { controls, fullScreenOverlay } from '../design/controls.js';
import { TabTrapController } from '../input/tab-trap.js';
import '../ui/avatar.js';

/** The resident answered (接听) or declined (拒接) with a button. */
export class IncomingCallChoiceEvent extends Event {
  static readonly type = 'dah-incoming-call-choice';
  constructor(readonly answer: boolean) {
    super(IncomingCallChoiceEvent.type, { bubbles: true, composed: true });
  }
}

const phone = svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path
  d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z"/></svg>`;

/**
 * A doctor is calling: full screen, over any screen (the app root renders it). Who calls (name,
 * role, organisation, the initial as on Home), why, and one press to answer: focus starts on
 * 接听 and stays inside; OK or the green key answers, Back declines (the app root's keys). With
 * trusted auto-answer, a countdown in large digits says when it connects by itself.
 * @summary Full-screen incoming call.
 * @event dah-incoming-call-choice - 接听 or 拒接 was pressed
 */
@customElement('dah-incoming-call')
@localized()
export class IncomingCall extends LitElement {
  static override styles = [
    controls,
    fullScreenOverlay,
    css`
      :host {
        background: var(--dah-bg);
        z-index: 20;
      }
      section {
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
        max-width: 80vw;
      }
      h1 {
        margin-bottom: calc(var(--dah-space) / 2);
      }
      p {
        margin: 0 0 calc(var(--dah-space) / 2);
      }
      .muted {
        color: var(--dah-text-muted);
      }
      .countdown {
        font-size: var(--dah-font-heading);
        font-weight: 700;
        color: var(--dah-accent);
      }
      .actions {
        margin: var(--dah-space) 0;
      }
      .actions button {
        margin: 0 var(--dah-space);
        font-size: var(--dah-font-heading);
        font-weight: 700;
        min-width: calc(320 * var(--dah-px));
        text-align: center;
      }
      /* The answer button stays green when focused: green means answer, like the green key. Its
         label is dark, so its focused plate is the same green (src/app/ui/focus-indicator.ts). */
      button.answer {
        --dah-focus-plate: var(--dah-ok);
      }
      button.answer svg {
        margin-right: calc(var(--dah-space) / 2);
        vertical-align: -0.1em;
      }
      .hint {
        font-size: var(--dah-font-small);
        color: var(--dah-text-muted);
      }
      .key-green {
        display: inline-block;
        width: 0.8em;
        height: 0.8em;
        border-radius: 50%;
        background: #43a047;
        margin: 0 0.3em;
      }
    `,
  ];

  @property({ attribute: false }) caller: Clinician | null = null;
  @property() reason = '';
  /** Seconds until it answers by itself; null without auto-answer. */
  @property({ attribute: false }) countdown: number | null = null;
  /** Answering is under way (presses wait for it). */
  @property({ type: Boolean }) busy = false;
  @property() error = '';

  private readonly tabTrap = new TabTrapController(this);

  protected override firstUpdated(): void {
    this.shadowRoot?.querySelector<HTMLButtonElement>('button.answer')?.focus();
  }

  private headline(caller: Clinician): string {
    return caller.role === 'specialist'
      ? msg(str`${caller.displayName}专家打来视频电话`)
      : msg(str`${caller.displayName}医生打来视频电话`);
  }

  override render() {
    const caller = this.caller;
    if (!caller) return null;
    const role = caller.role === 'specialist' ? msg('专家') : msg('医生');
    const where = [caller.organisationName, caller.department].filter(Boolean).join(' ');
    return html`<section role="dialog" aria-modal="true" aria-labelledby="title" aria-describedby="who">
      <dah-avatar aria-hidden="true" size="200" .name=${caller.displayName}></dah-avatar>
      <h1 id="title">${this.headline(caller)}</h1>
      <p id="who" class="muted">${role} · ${where}</p>
      ${
        this.reason === APPOINTMENT_RING_REASON
          ? html`<p class="appointment">${msg('这是您预约的视频问诊')}</p>`
          : this.reason
            ? html`<p>${msg(str`事由：${this.reason}`)}</p>`
            : null
      }
      ${
        this.countdown !== null && !this.busy
          ? html`<p class="countdown" role="timer">${msg(str`${this.countdown}秒后自动接通`)}</p>`
          : null
      }
      ${this.busy ? html`<p role="status">${msg('正在接通，请稍候…')}</p>` : null}
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      <div class="actions">
        <button
          class="answer primary"
          data-focus-key="answer"
          @click=${() => this.dispatchEvent(new IncomingCallChoiceEvent(true))}
        >
          ${phone}${msg('接听')}
        </button>
        <button
          class="decline"
          data-focus-key="decline"
          @click=${() => this.dispatchEvent(new IncomingCallChoiceEvent(false))}
        >
          ${msg('拒接')}
        </button>
      </div>
      <p class="hint">
        <span class="key-green" aria-hidden="true"></span>${msg('按确认键或绿色键接听，按返回键拒接。')}
      </p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-incoming-call': IncomingCall;
  }
}
