import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import { consoleStyles } from '../../design/console-styles.js';
import { consoleHome } from '../../home/paths.js';
import * as consultationsApi from '../api.js';

interface Draft {
  diagnosis: string;
  advice: string;
}

const draftKey = (consultationId: string) => `dah-summary-draft:${consultationId}`;

/**
 * The end of a consultation: a short summary (diagnosis required, advice), then 结束问诊 ends
 * the call for everyone and the resident's TV shows the summary. What is typed is kept in
 * sessionStorage until the end succeeds, so neither a failed request nor a reload loses it.
 * @summary Summary and 结束问诊 for the doctor.
 */
@customElement('dah-console-end-form')
@localized()
export class ConsoleEndForm extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      textarea {
        min-height: 4.5em;
      }
      button.danger {
        width: 100%;
        text-align: center;
      }
    `,
  ];

  @property({ attribute: 'consultation-id' }) consultationId = '';
  @consume({ context: apiContext }) api!: ApiClient;
  @state() private draft: Draft = { diagnosis: '', advice: '' };
  @state() private ending = false;
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      const saved = window.sessionStorage.getItem(draftKey(this.consultationId));
      if (saved) this.draft = { ...this.draft, ...(JSON.parse(saved) as Partial<Draft>) };
    } catch {
      // No storage (or a damaged entry): start empty.
    }
  }

  private edit(change: Partial<Draft>): void {
    this.draft = { ...this.draft, ...change };
    try {
      window.sessionStorage.setItem(draftKey(this.consultationId), JSON.stringify(this.draft));
    } catch {
      // Storage full or off: the text is still on screen.
    }
  }

  private async end(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const diagnosis = this.draft.diagnosis.trim();
    if (!diagnosis) {
      this.error = msg('请先写诊断，再结束问诊。');
      this.shadowRoot?.querySelector<HTMLTextAreaElement>('#diagnosis')?.focus();
      return;
    }
    this.ending = true;
    this.error = null;
    try {
      await consultationsApi.endConsultation(this.api, this.consultationId, {
        diagnosis,
        advice: this.draft.advice.trim(),
      });
      window.sessionStorage.removeItem(draftKey(this.consultationId));
      this.dispatchEvent(new NavigateEvent(consoleHome.build()));
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      // The summary stays in the fields (and in sessionStorage) to try again or copy.
      this.error =
        code === 'not_found' || code === 'conflict'
          ? msg('这次问诊已经结束或不存在，小结没有保存。请先复制您写的内容，再返回工作台。')
          : code === 'validation_failed'
            ? msg('小结太长或格式不对：诊断最多 500 字，建议最多 2000 字。请修改后再试。')
            : errorMessage(error);
    } finally {
      this.ending = false;
    }
  }

  override render() {
    return html`<section class="panel" aria-labelledby="end-title">
      <h2 id="end-title">${msg('问诊小结')}</h2>
      <form @submit=${this.end} novalidate>
        <label for="diagnosis">${msg('诊断（必填）')}</label>
        <textarea
          id="diagnosis"
          required
          maxlength="500"
          aria-invalid=${this.error !== null && !this.draft.diagnosis.trim() ? 'true' : 'false'}
          .value=${this.draft.diagnosis}
          @input=${(e: Event) => this.edit({ diagnosis: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        <label for="advice">${msg('医嘱和建议（居民的电视上会用大字显示）')}</label>
        <textarea
          id="advice"
          maxlength="2000"
          .value=${this.draft.advice}
          @input=${(e: Event) => this.edit({ advice: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        ${this.error ? html`<p role="alert">${this.error}</p>` : null}
        <button class="danger" type="submit" ?disabled=${this.ending}>
          ${this.ending ? msg('正在结束…') : msg('结束问诊（所有人的通话都会结束）')}
        </button>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-end-form': ConsoleEndForm;
  }
}
