import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Invitation, SpecialistList } from '../../../shared/consultations/schemas.js';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { apiContext } from '../../state/contexts.js';
import { consoleStyles } from '../../design/console-styles.js';
import { PushListenerController } from '../../api/push-listener.js';
import * as consultationsApi from '../api.js';

type Specialist = SpecialistList['specialists'][number];

/** Specialists grouped by department, departments in the order they first appear. */
export function byDepartment(specialists: Specialist[], other: string): [string, Specialist[]][] {
  const groups = new Map<string, Specialist[]>();
  for (const specialist of specialists) {
    const department = specialist.department ?? other;
    groups.set(department, [...(groups.get(department) ?? []), specialist]);
  }
  return [...groups];
}

/**
 * Three-way calls: the doctor invites a specialist of the county's lead hospital. Specialists
 * are listed by department with their online state (a word and a filled or hollow dot); each
 * invitation's answer arrives by push.
 * @summary Invite a specialist into the call.
 */
@customElement('dah-console-invite-panel')
@localized()
export class ConsoleInvitePanel extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      li {
        display: flex;
        align-items: center;
        padding: calc(var(--dah-space) / 3) 0;
      }
      .who {
        flex: 1;
      }
      .presence {
        white-space: nowrap;
        margin: 0 calc(var(--dah-space) / 2);
      }
      .presence.online {
        color: var(--dah-ok);
      }
      .answer {
        max-width: 10em;
        text-align: right;
      }
    `,
  ];

  @property({ attribute: 'consultation-id' }) consultationId = '';
  /** Specialists already in the call (from the consultation). */
  @property({ attribute: false }) joined: string[] = [];
  @consume({ context: apiContext }) api!: ApiClient;
  @state() private specialists: Specialist[] | null = null;
  @state() private invitations = new Map<string, Invitation>();
  @state() private inviting: string | null = null;
  @state() private error: string | null = null;

  private readonly pushes = new PushListenerController(this, (event) => {
    if (event.type === 'invitation-answered' && event.invitation.consultationId === this.consultationId) {
      this.remember(event.invitation);
    }
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.specialists = (await consultationsApi.specialists(this.api)).specialists;
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private remember(invitation: Invitation): void {
    this.invitations = new Map(this.invitations).set(invitation.specialist.id, invitation);
  }

  private async invite(specialist: Specialist): Promise<void> {
    this.inviting = specialist.id;
    this.error = null;
    try {
      this.remember(await consultationsApi.invite(this.api, this.consultationId, specialist.id));
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      this.error =
        code === 'conflict'
          ? msg(str`已经邀请过${specialist.displayName}了，或这次问诊已经结束。`)
          : errorMessage(error);
    } finally {
      this.inviting = null;
    }
  }

  override render() {
    return html`<section class="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">${msg('邀请专家会诊')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      ${
        this.specialists === null
          ? this.error
            ? null
            : html`<p role="status">${msg('正在加载，请稍候…')}</p>`
          : this.specialists.length === 0
            ? html`<p class="muted">${msg('没有可以邀请的专家。')}</p>`
            : byDepartment(this.specialists, msg('其他科室')).map(
                ([department, specialists]) =>
                  html`<h3 data-department=${department}>${department}</h3>
                    <ul class="plain">
                      ${specialists.map((s) => this.renderSpecialist(s))}
                    </ul>`,
              )
      }
      <button @click=${this.load}>${msg('刷新在线状态')}</button>
    </section>`;
  }

  private renderSpecialist(specialist: Specialist) {
    return html`<li data-specialist-id=${specialist.id}>
      <div class="who">
        <div>${specialist.displayName}</div>
        <div class="small muted">${specialist.organisationName}</div>
      </div>
      <span class="presence small ${specialist.online ? 'online' : 'offline'}" data-presence>
        <span aria-hidden="true">${specialist.online ? '●' : '○'}</span>
        ${specialist.online ? msg('在线') : msg('离线')}
      </span>
      ${this.renderAction(specialist)}
    </li>`;
  }

  private renderAction(specialist: Specialist) {
    if (this.joined.includes(specialist.id)) {
      return html`<span class="answer small ok" data-answer>${msg('已在通话中')}</span>`;
    }
    const invitation = this.invitations.get(specialist.id);
    const button = (label: string) =>
      html`<button
        ?disabled=${this.inviting !== null}
        aria-label=${msg(str`邀请 ${specialist.displayName}`)}
        @click=${() => this.invite(specialist)}
      >
        ${label}
      </button>`;
    switch (invitation?.status) {
      case 'pending':
        return html`<span class="answer small" data-answer>${msg('已邀请，等待回复…')}</span>`;
      case 'accepted':
        return html`<span class="answer small ok" data-answer>${msg('已接受，正在加入')}</span>`;
      case 'declined':
        return html`<span class="answer small" data-answer>${msg('已婉拒')}</span>${button(msg('再邀请'))}`;
      case 'cancelled':
        return html`<span class="answer small" data-answer>${msg('邀请已取消')}</span
          >${button(msg('再邀请'))}`;
      default:
        return this.inviting === specialist.id
          ? html`<span class="answer small">${msg('正在邀请…')}</span>`
          : button(msg('邀请'));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-invite-panel': ConsoleInvitePanel;
  }
}
