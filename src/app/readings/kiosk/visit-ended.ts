import { msg } from '@lit/localize';
import { html } from 'lit';
import { NavigateEvent } from '../../router/events.js';
import { HelpRequestEvent } from '../../shell/status-bar.js';
import { kioskSelfService } from '../paths.js';

/**
 * A screen of the self-service visit once the visit has ended (idle, 结束, a new resident): nobody's
 * data, what happened in words, and the way back to the start. `host` sends the navigation.
 */
export function visitEnded(host: HTMLElement, heading: string, lead: string) {
  return html`<h1>${heading}</h1>
    <p class="lead" role="status">${lead}</p>
    <div class="actions">
      <button
        class="primary"
        data-autofocus
        data-focus-key="start"
        @click=${() => host.dispatchEvent(new NavigateEvent(kioskSelfService.build()))}
      >
        ${msg('重新开始')}
      </button>
      <button data-focus-key="help" @click=${() => host.dispatchEvent(new HelpRequestEvent())}>
        ${msg('帮助')}
      </button>
    </div>`;
}
