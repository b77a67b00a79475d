import { msg, str } from '@lit/localize';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { PushChannel } from '../api/push-channel.js';
import type { OutboxController } from '../offline/outbox-controller.js';
import '../ui/toast.js';
import { ReminderController } from './reminders/reminder-controller.js';
import { orderStatusSentence } from './words.js';

export interface PharmacyFeatureOptions {
  api(): ApiClient;
  push: PushChannel;
  outbox: OutboxController;
  navigate(path: string): void;
  /** A call on show or a ring. */
  busy(): boolean;
}

/**
 * The pharmacy on a resident's TV, on any screen (a session feature): every order status change
 * pushed by the API as a toast, and the medication reminders (reminders/).
 */
export class PharmacyFeature implements ReactiveController {
  static noticeMs = 10_000;
  readonly reminders: ReminderController;
  private notice = '';
  private noticeTimer: number | undefined;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: PharmacyFeatureOptions,
  ) {
    host.addController(this);
    this.reminders = new ReminderController(host, options);
    this.push = options.push;
  }

  private readonly push: PushChannel;

  hostConnected(): void {}

  sessionChanged(actor: SessionActor | null): void {
    this.reminders.sessionChanged(actor);
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (actor?.kind !== 'tv') return;
    this.unsubscribe = this.push.subscribe((event) => {
      if (event.type !== 'pharmacy-order') return;
      this.say(msg(str`配药订单：${orderStatusSentence(event)}`));
    });
  }

  private say(text: string): void {
    this.notice = text;
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => {
      this.notice = '';
      this.host.requestUpdate();
    }, PharmacyFeature.noticeMs);
    this.host.requestUpdate();
  }

  render() {
    return html`${this.reminders.render()}
    ${this.notice ? html`<dah-toast class="pharmacy" .message=${this.notice}></dah-toast>` : null}`;
  }
}
