import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Invitation } from '../../../shared/consultations/schemas.js';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import { alertSound, type AlertSound } from './alert-sound.js';
import { consoleStyles } from '../../design/console-styles.js';
import { MinuteClock } from './minute-clock.js';
import { LiveQuery } from '../../api/live-query.js';
import { minutesSince, waitingText } from './waiting-time.js';
import { consoleCall } from '../../call/paths.js';
import * as consultationsApi from '../api.js';

/**
 * A specialist's Home: invitations to join a consultation, each with the patient, the inviting
 * doctor and the reason. Accepting opens the call. New invitations arrive by push, with a chime.
 * @summary Pending invitations for a specialist.
 */
@customElement('dah-console-invitations')
@localized()
export class ConsoleInvitations extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      li.panel {
        display: flex;
        align-items: center;
      }
      .who {
        flex: 1;
      }
      .who strong {
        font-size: calc(var(--dah-font-body) * 1.15);
      }
      li button {
        margin-left: calc(var(--dah-space) / 2);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  /** The chime for a new invitation (tests put a stand-in here). */
  sound: Pick<AlertSound, 'play'> = alertSound;
  @state() private error: string | null = null;
  @state() private busy: string | null = null;
  /** Read on open, when the push stream opens, when a consultation ends, and each minute. */
  private readonly query = new LiveQuery<Invitation[]>(this, {
    read: async () => (await consultationsApi.myInvitations(this.api)).invitations,
    pushed: (event, query) => {
      if (event.type === 'invitation') {
        this.add(event.invitation);
        void this.sound.play('chime');
      } else if (event.type === 'ended') {
        // An invitation to a consultation that ended is no longer pending.
        void query.refresh();
      }
    },
    applied: () => (this.error = null),
    failed: (error) => (this.error = errorMessage(error)),
  });
  readonly clock = new MinuteClock(this, () => void this.load());

  private get invitations(): Invitation[] | null {
    return this.query.value;
  }

  private load(): Promise<void> {
    return this.query.refresh();
  }

  /** One pushed or answered here is newer than a read under way: that read is read again. */
  private add(invitation: Invitation): void {
    this.query.change((invitations) => [
      ...(invitations ?? []).filter((i) => i.id !== invitation.id),
      invitation,
    ]);
  }

  private async answer(invitation: Invitation, accept: boolean): Promise<void> {
    this.busy = invitation.id;
    this.error = null;
    try {
      const answered = await consultationsApi.answerInvitation(this.api, invitation.id, accept);
      if (accept) {
        this.dispatchEvent(new NavigateEvent(consoleCall.build({ consultationId: answered.consultationId })));
        return;
      }
      this.add(answered);
    } catch (error) {
      const gone =
        error instanceof ApiRequestError && (error.code === 'not_found' || error.code === 'conflict');
      this.error = gone
        ? msg('这个邀请已经失效（问诊可能已结束，或医生取消了邀请）。列表已刷新。')
        : errorMessage(error);
      if (gone) void this.load();
    } finally {
      this.busy = null;
    }
  }

  override render() {
    const pending = (this.invitations ?? []).filter((i) => i.status === 'pending');
    return html`<h2>${msg('会诊邀请')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      ${
        this.invitations === null
          ? this.error
            ? html`<button @click=${this.load}>${msg('再试一次')}</button>`
            : html`<p role="status">${msg('正在加载，请稍候…')}</p>`
          : pending.length === 0
            ? html`<p class="muted" data-empty>
                ${msg('现在没有会诊邀请。有医生邀请您时，这里会出现，并有提示音。')}
              </p>`
            : html`<ul class="plain">
                ${pending.map((i) => this.renderInvitation(i))}
              </ul>`
      }`;
  }

  private renderInvitation(invitation: Invitation) {
    const doctor = invitation.invitedBy;
    const minutes = minutesSince(invitation.createdAt, this.clock.now);
    return html`<li class="panel" data-invitation-id=${invitation.id}>
      <div class="who">
        <strong>${msg(str`患者：${invitation.patient.displayName}`)}</strong>
        <div>${msg(str`邀请医生：${doctor.displayName}（${doctor.organisationName}）`)}</div>
        <div>${msg(str`原因：${invitation.reason || '—'}`)}</div>
        <div class="small muted"><time datetime=${invitation.createdAt}>${waitingText(minutes)}</time></div>
      </div>
      <button class="primary" ?disabled=${this.busy !== null} @click=${() => this.answer(invitation, true)}>
        ${msg('接受并加入')}
      </button>
      <button ?disabled=${this.busy !== null} @click=${() => this.answer(invitation, false)}>
        ${msg('婉拒')}
      </button>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-invitations': ConsoleInvitations;
  }
}
