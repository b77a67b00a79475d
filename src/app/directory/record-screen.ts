import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ConsultationSummary, PatientRecord, SessionActor } from '../../shared/api-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { getLocale } from '../localization.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext, sessionContext } from '../state/contexts.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import { tvScreen } from '../design/screen-styles.js';
import { tvSummary } from '../consultations/paths.js';
import { tvHome } from '../home/paths.js';
import { relativeAge } from '../offline/read-cache.js';

function conditionName(code: string): string {
  switch (code) {
    case 'hypertension':
      return msg('高血压');
    case 'type2_diabetes':
      return msg('2型糖尿病');
    default:
      return code;
  }
}

/** 我的健康档案: the resident's own record, in large text, and the summaries of past video consultations. */
@customElement('dah-record-screen')
@localized()
export class RecordScreen extends LitElement {
  static override styles = [controls, tvScreen];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @state() private record: PatientRecord | null = null;
  /** When the record shown is the TV's kept copy (the API out of reach), when it was kept. */
  @state() private storedAt: number | null = null;
  @state() private error: string | null = null;
  /** Past consultations: each opens its summary. Not shown when they cannot be loaded. */
  @state() private past: ConsultationSummary[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.api.myConsultations().then(
      ({ consultations }) => (this.past = consultations.filter((c) => c.status === 'ended')),
      () => undefined,
    );
  }

  private async load(): Promise<void> {
    if (!this.actor) return;
    this.error = null;
    try {
      const { value, storedAt } = await this.api.patientRecord(this.actor.id);
      this.record = value;
      this.storedAt = storedAt;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  override render() {
    const home = html`<button
      data-autofocus
      @click=${() => this.dispatchEvent(new NavigateEvent(tvHome.build()))}
    >
      ${msg('返回首页')}
    </button>`;
    if (this.error) {
      return html`<h1>${msg('我的健康档案')}</h1>
        <dah-state-message
          kind="error"
          .message=${this.error}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>`;
    }
    if (!this.record) {
      return html`<h1>${msg('我的健康档案')}</h1>
        <dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    }
    const r = this.record;
    const birth = new Intl.DateTimeFormat(getLocale(), {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    }).format(new Date(`${r.birthDate}T00:00:00`));
    return html`<h1>${msg('我的健康档案')}</h1>
      ${this.renderAge()}
      <dl>
        <dt>${msg('姓名')}</dt>
        <dd>${r.displayName}</dd>
        <dt>${msg('出生日期')}</dt>
        <dd>${birth}</dd>
        <dt>${msg('慢性病')}</dt>
        <dd>${r.conditions.map(conditionName).join('、') || msg('无')}</dd>
        <dt>${msg('家庭医生')}</dt>
        <dd>${r.familyDoctor.displayName}（${r.familyDoctor.organisationName}）</dd>
        <dt>${msg('住址')}</dt>
        <dd>${r.careHomeName ?? r.address}</dd>
      </dl>
      ${this.renderPast()} ${home}`;
  }

  /** Offline, the kept copy says how old it is, so nobody takes it for today's. */
  private renderAge() {
    if (this.storedAt === null) return null;
    const age = relativeAge(this.storedAt, Date.now(), getLocale());
    return html`<p class="kept" role="status">${msg(str`现在没有连上网络，这里是${age}保存的档案。`)}</p>`;
  }

  private renderPast() {
    if (this.past.length === 0) return null;
    return html`<h2>${msg('看过的视频问诊')}</h2>
      <ul>
        ${this.past.map(
          (c) =>
            html`<li>
              <button
                data-focus-key=${`summary-${c.id}`}
                @click=${() => this.dispatchEvent(new NavigateEvent(tvSummary.build({ consultationId: c.id })))}
              >
                ${msg(str`${c.doctor.displayName}医生（${c.doctor.organisationName}）：${c.reason}`)}
              </button>
            </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-record-screen': RecordScreen;
  }
}
