import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ConsultationSummary } from '../../shared/api-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { NavigateEvent } from '../router/router-controller.js';
import { apiContext } from '../state/contexts.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import { tvScreen } from './screen-styles.js';

/** 视频问诊: the consultations this resident can join now. (The consultation work adds the waiting room.) */
@customElement('dah-consult-screen')
@localized()
export class ConsultScreen extends LitElement {
  static override styles = [controls, tvScreen];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private consultations: ConsultationSummary[] | null = null;
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.consultations = (await this.api.myConsultations()).consultations;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  override render() {
    const home = () => this.dispatchEvent(new NavigateEvent('/tv'));
    let body;
    if (this.error) {
      body = html`<dah-state-message
        kind="error"
        .message=${this.error}
        action-label=${msg('再试一次')}
        @dah-state-action=${this.load}
      ></dah-state-message>`;
    } else if (!this.consultations) {
      body = html`<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    } else if (this.consultations.length === 0) {
      body = html`<dah-state-message
        message=${msg('现在没有安排好的视频问诊。')}
        action-label=${msg('返回首页')}
        @dah-state-action=${home}
      ></dah-state-message>`;
    } else {
      body = html`<ul>
        ${this.consultations.map(
          (c, index) =>
            html`<li>
              <button
                ?data-autofocus=${index === 0}
                data-focus-key=${c.id}
                @click=${() => this.dispatchEvent(new NavigateEvent(`/tv/call/${c.id}`))}
              >
                ${msg(str`和${c.doctor.displayName}医生视频（${c.doctor.organisationName}）：${c.reason}`)}
              </button>
            </li>`,
        )}
      </ul>`;
    }
    return html`<h1>${msg('视频问诊')}</h1>
      ${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-consult-screen': ConsultScreen;
  }
}
