import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { PushEvent } from '../../shared/consultations/schemas.js';
import type { SchedulePushEvent } from '../../shared/schedule/schedule-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { PushChannel } from '../api/push-channel.js';
import '../ui/toast.js';
import { appointmentSentence, visitOf, when } from './schedule-words.js';
import * as scheduleApi from './api.js';

type Reminder = Extract<SchedulePushEvent, { type: 'reminder' }>;

/**
 * The schedule's reminders on a resident's TV (issue 16 §1): the server sends a `reminder` event
 * the evening before and on the morning of a visit or an appointment, by its own clock; the TV
 * shows it as a notice that never takes focus (tv-ui.md), on whatever screen is showing.
 */
export class ScheduleReminders {
  static noticeMs = 30_000;
  notice = '';
  private timer: number | undefined;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { api(): ApiClient; push: PushChannel },
  ) {}

  sessionChanged(actor: SessionActor | null): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (actor?.kind !== 'tv') {
      this.show('');
      return;
    }
    this.unsubscribe = this.options.push.subscribe((event) => {
      const e = event as PushEvent | SchedulePushEvent;
      if (e.type === 'reminder') void this.remind(e);
    });
  }

  private async remind(r: Reminder): Promise<void> {
    const opening = r.kind === 'day-before' ? msg('明天别忘了：') : msg('今天别忘了：');
    let what = '';
    try {
      if (r.subject === 'visit') {
        const visit = (await scheduleApi.visits(this.options.api())).visits.find((v) => v.id === r.id);
        if (visit) what = visitOf(visit);
      } else {
        const a = (await scheduleApi.appointments(this.options.api())).appointments.find(
          (x) => x.id === r.id,
        );
        if (a) what = appointmentSentence(a);
      }
    } catch {
      // Offline a moment: the time alone still reminds.
    }
    this.show(opening + (what || msg(str`${when(r.startsAt, r.startsAt)}有预约`)));
  }

  private show(text: string): void {
    this.notice = text;
    window.clearTimeout(this.timer);
    if (text) {
      this.timer = window.setTimeout(() => this.show(''), ScheduleReminders.noticeMs);
    }
    this.host.requestUpdate();
  }

  render() {
    return this.notice ? html`<dah-toast class="reminder" .message=${this.notice}></dah-toast>` : nothing;
  }
}
