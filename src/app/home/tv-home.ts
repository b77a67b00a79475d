import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PatientRecord } from '../../shared/directory/schemas.js';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { TeamMember } from '../../shared/schedule/schedule-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls, screen } from '../design/controls.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext, homeTilesContext, sessionContext, waitingRoomContext } from '../state/contexts.js';
import '../ui/tile.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../consultations/waiting-room.js';
import '../ui/avatar.js';
import { tvWaiting } from '../consultations/paths.js';
import type { HomeTile } from '../router/route.js';
import { tvSettings } from '../shell/paths.js';
import { teamMemberText } from '../directory/record-words.js';
import * as directoryApi from '../directory/api.js';
import * as scheduleApi from '../schedule/api.js';

/**
 * The TV's Home: who the family doctor is, six big tiles, Settings. One or two ideas per screen
 * (tv-ui.md); everything else is one level down and one Back away.
 */
@customElement('dah-tv-home')
@localized()
export class TvHome extends LitElement {
  static override styles = [
    controls,
    screen,
    css`
      :host {
        padding-top: 0;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        margin-bottom: calc(var(--dah-space) * 1.5);
      }
      .doctor {
        display: flex;
        align-items: center;
      }
      .doctor p {
        margin: 0;
      }
      .muted {
        color: var(--dah-text-muted);
        font-size: var(--dah-font-small);
      }
      /* While waiting: in the header, between the greeting and Settings, so the tiles stay in view. */
      .waiting {
        flex: 1;
        margin: 0 calc(var(--dah-space) * 1.5);
        padding: calc(var(--dah-space) / 2) var(--dah-space);
        border-radius: var(--dah-radius);
        border: calc(3 * var(--dah-px)) solid var(--dah-ok);
      }
      .waiting p {
        margin: 0 0 calc(var(--dah-space) / 2);
      }
      .tiles {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        grid-gap: calc(var(--dah-space) * 1.5);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @state() private record: PatientRecord | null = null;
  @state() private recordError: string | null = null;
  /** The rest of the family-doctor team (nurse, village doctor) and how to reach them (issue 16 §4). */
  @state() private team: TeamMember[] = [];
  @consume({ context: waitingRoomContext }) room?: WaitingRoom;
  /** The six things a resident comes for, from the route registry, in the design brief's order. */
  @consume({ context: homeTilesContext }) tiles: (HomeTile & { screen: string; path: string })[] = [];
  private readonly watcher = new WaitingRoomWatcher(this, () => this.room);

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.actor?.kind !== 'tv') return;
    directoryApi.patient(this.api, this.actor.id).then(
      (record) => (this.record = record),
      (error: unknown) => (this.recordError = errorMessage(error)),
    );
    // The team is a help beside the doctor's name: Home stands without it.
    scheduleApi.team(this.api, this.actor.id).then(
      (team) => (this.team = team.members.filter((m) => !m.contracted)),
      () => undefined,
    );
  }

  private open(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  private renderDoctor() {
    if (this.recordError) return html`<p role="alert">${this.recordError}</p>`;
    const doctor = this.record?.familyDoctor;
    if (!doctor) return html`<p class="muted">${msg('正在加载，请稍候…')}</p>`;
    return html`<div class="doctor">
      <dah-avatar aria-hidden="true" size="120" .name=${doctor.displayName}></dah-avatar>
      <div>
        <p>${msg(str`您的家庭医生：${doctor.displayName}`)}</p>
        <p class="muted">${doctor.organisationName}</p>
        ${this.team.map(
          (m) =>
            html`<p class="muted team" tabindex="0" data-focus-key=${`team-${m.id}`}>
              ${teamMemberText(m)}
            </p>`,
        )}
      </div>
    </div>`;
  }

  /** While the resident waits for a doctor: where they are, and the way back to the waiting room. */
  private renderWaiting() {
    const place = this.room?.place;
    if (!place) return null;
    const text =
      place.status === 'admitted'
        ? msg('医生来了，正在接通…')
        : `${msg('您正在排队等医生。')}${positionText(place)}`;
    return html`<div class="waiting">
      <p role="status">${text}</p>
      <button data-focus-key="waiting" @click=${() => this.open(tvWaiting.build())}>
        ${msg('回到等候室')}
      </button>
    </div>`;
  }

  override render() {
    return html`<header>
        <div>
          <h1>${this.actor ? msg(str`您好，${this.actor.displayName}`) : msg('临医在家')}</h1>
          ${this.renderDoctor()}
        </div>
        ${this.renderWaiting()}
        <button data-focus-key="settings" @click=${() => this.open(tvSettings.build())}>
          ${msg('设置')}
        </button>
      </header>
      <div class="tiles">
        ${this.tiles.map(
          (tile, index) =>
            html`<dah-tile
              ?primary=${index === 0}
              .label=${tile.label()}
              .icon=${tile.icon}
              .tone=${tile.tone ?? 'normal'}
              focus-key=${tile.screen}
              data-screen=${tile.screen}
              @click=${() => this.open(tile.path)}
            ></dah-tile>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-tv-home': TvHome;
  }
}
