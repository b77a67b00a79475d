import { msg } from '@lit/localize';
import { css, html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { DoctorChoice } from '../../shared/consultations/schemas.js';
import { SettingsChangeEvent, type Settings } from '../state/settings.js';
import { DeviceCheckController } from '../call/device-check.js';

/** A pre-call check that passed is not asked again for this long. */
export const PRECHECK_VALID_DAYS = 30;

/** Whether the pre-call check passed recently enough to skip it. */
export function precheckStillValid(passedAt: string | null, now = Date.now()): boolean {
  if (!passedAt) return false;
  const age = now - Date.parse(passedAt);
  return age >= 0 && age < PRECHECK_VALID_DAYS * 24 * 60 * 60 * 1000;
}

/** Where asking for a doctor stands; a screen may add steps of its own (`Extra`). */
export type ConsultStep<Extra extends { kind: string } = never> =
  | { kind: 'choose' }
  | { kind: 'check'; doctor: DoctorChoice }
  | { kind: 'joining'; doctor: DoctorChoice }
  | Extra;

export interface ConsultStepsOptions {
  /** The device's settings now: when the pre-call check last passed. */
  settings: () => Settings;
  /** Asks for a place in the queue for `doctor`; the host moves on (or says why not) itself. */
  queue: (doctor: DoctorChoice) => Promise<void>;
}

/**
 * Asking for a doctor on a TV or a care-home kiosk: a doctor chosen → the camera and microphone
 * check (skipped while an earlier one is recent, itself skippable with one press) → joining the
 * queue. A passed check is remembered in the settings. The host renders each step; the check
 * step's pieces are here (renderCheck, with consultStepStyles). Its camera and microphone (a
 * DeviceCheckController on the host) stop when the host leaves the page.
 */
export class ConsultSteps<Extra extends { kind: string } = never> {
  step: ConsultStep<Extra> = { kind: 'choose' };
  /** The camera, microphone and speaker of the check step. */
  readonly devices: DeviceCheckController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ConsultStepsOptions,
  ) {
    this.devices = new DeviceCheckController(host);
  }

  /** Shows another step. */
  show(step: ConsultStep<Extra>): void {
    this.step = step;
    this.host.requestUpdate();
  }

  /** A doctor chosen: the check first, unless it passed recently. */
  choose(doctor: DoctorChoice): void {
    if (precheckStillValid(this.options.settings().precheckPassedAt)) {
      void this.join(doctor);
      return;
    }
    this.show({ kind: 'check', doctor });
    void this.devices.start();
  }

  /** Into the queue for `doctor`, the check over (passed, skipped or not asked). */
  async join(doctor: DoctorChoice, checkPassed = false): Promise<void> {
    this.devices.stop();
    if (checkPassed)
      this.host.dispatchEvent(new SettingsChangeEvent({ precheckPassedAt: new Date().toISOString() }));
    this.show({ kind: 'joining', doctor });
    await this.options.queue(doctor);
  }

  /**
   * The check step: the title, what to do (`intro`), the picture, the microphone's level, a test
   * tone, an optional `note` under the status, then 开始排队 or 跳过检查.
   */
  renderCheck(doctor: DoctorChoice, intro: string, note: TemplateResult | null = null) {
    const devices = this.devices;
    const ok = devices.check.kind === 'ok';
    return html`<h1>${msg('通话前检查一下')}</h1>
      <p>${intro}</p>
      <div class="check">
        ${devices.renderVideo()}
        <div class="pieces">
          ${devices.renderCheckStatus()} ${note}
          <button data-focus-key="tone" @click=${() => devices.playTone()}>${msg('播放测试声音')}</button>
          ${devices.renderToneStatus()}
        </div>
      </div>
      <div class="actions">
        <button class="primary" data-autofocus data-focus-key="start" @click=${() => this.join(doctor, ok)}>
          ${ok ? msg('都正常，开始排队') : msg('开始排队')}
        </button>
        <button data-focus-key="skip" @click=${() => this.join(doctor)}>${msg('跳过检查')}</button>
      </div>`;
  }
}

/** The choice of doctor (large buttons in a row), the check step, and the buttons under a step. */
export const consultStepStyles = css`
  .choices {
    display: flex;
  }
  .choice {
    display: flex;
    flex-direction: column;
    justify-content: center;
    flex: 1 1 0;
    max-width: calc(640 * var(--dah-px));
    min-height: calc(200 * var(--dah-px));
    margin: 0 calc(var(--dah-space) * 1.5) var(--dah-space) 0;
    padding: var(--dah-space) calc(var(--dah-space) * 1.5);
  }
  .choice strong {
    font-size: var(--dah-font-heading);
  }
  .check {
    display: flex;
    align-items: flex-start;
  }
  .check video {
    width: calc(560 * var(--dah-px));
    margin-right: calc(var(--dah-space) * 1.5);
    background: #000;
    border-radius: var(--dah-radius);
    flex: none;
  }
  .check .pieces {
    flex: 1;
  }
  .check .pieces > * {
    display: block;
    margin-bottom: calc(var(--dah-space) / 2);
  }
  meter {
    width: calc(480 * var(--dah-px));
    height: calc(32 * var(--dah-px));
  }
  .actions button {
    margin: var(--dah-space) var(--dah-space) 0 0;
  }
`;
