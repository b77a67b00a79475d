import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Surface } from '../state/session.js';
import { icon } from '../ui/icons.js';
import { canRetry, endWords, type CallState } from './call-model.js';

/** The call ended or could not start: why, in words, and what to do next. */
export function renderEnded(
  state: CallState,
  surface: Surface,
  problem: string | null,
  actions: { retry(): void; home(): void },
) {
  const retry = problem !== null || canRetry(state);
  const words = problem
    ? { heading: msg('没能接通。'), advice: problem }
    : state.phase === 'failed'
      ? {
          heading: msg('没能接通。'),
          advice: msg('请检查网络后选“再试一次”；如果还不行，请打电话给医生。'),
        }
      : endWords(state.endReason, surface);
  return html`<section class="overlay ended" role="alert">
    <h2>${words.heading}</h2>
    <p>${words.advice}</p>
    <div class="actions">
      ${
        retry
          ? html`<button class="primary" data-focus-key="call-retry" @click=${actions.retry}>
              ${msg('再试一次')}
            </button>`
          : nothing
      }
      <button data-focus-key="call-home" @click=${actions.home}>
        ${surface === 'console' ? msg('回到工作台') : msg('回到首页')}
      </button>
    </div>
  </section>`;
}

/**
 * Mute, camera, screen share (console), hang up and, after it (挂断 stays where residents know it),
 * measuring for the doctor (TV, kiosk: 测量给医生看): big focusable buttons.
 */
export function renderControls(
  state: CallState,
  surface: Surface,
  actions: { mic(): void; camera(): void; share(): void; hangUp(): void; measure(): void },
  measuring = false,
) {
  const { mic, camera, sharing } = state.local;
  return html`<div class="controls" role="toolbar" aria-label=${msg('通话控制')}>
    ${
      mic === 'none'
        ? nothing
        : html`<button
            data-focus-key="call-mic"
            aria-pressed=${mic === 'off' ? 'true' : 'false'}
            @click=${actions.mic}
          >
            ${mic === 'on' ? icon('mic', 1.1) : icon('micOff', 1.1)}${mic === 'on' ? msg('关闭麦克风') : msg('打开麦克风')}
          </button>`
    }
    ${
      camera === 'none'
        ? nothing
        : html`<button
            data-focus-key="call-camera"
            aria-pressed=${camera === 'off' ? 'true' : 'false'}
            @click=${actions.camera}
          >
            ${camera === 'on' ? icon('video', 1.1) : icon('cameraOff', 1.1)}${
              camera === 'on' ? msg('关闭摄像头') : msg('打开摄像头')
            }
          </button>`
    }
    ${
      surface === 'console'
        ? html`<button
            data-focus-key="call-share"
            aria-pressed=${sharing ? 'true' : 'false'}
            @click=${actions.share}
          >
            ${icon('screen', 1.1)}${sharing ? msg('停止共享') : msg('共享屏幕')}
          </button>`
        : nothing
    }
    <button class="danger" data-focus-key="call-hang-up" @click=${actions.hangUp}>
      ${icon('hangUp', 1.1)}${msg('挂断')}
    </button>
    ${
      surface === 'console'
        ? nothing
        : html`<button
            data-focus-key="call-measure"
            aria-pressed=${measuring ? 'true' : 'false'}
            @click=${actions.measure}
          >
            ${icon('readings', 1.1)}${measuring ? msg('收起测量') : msg('测量给医生看')}
          </button>`
    }
    ${
      surface === 'console'
        ? html`<span class="hint">${msg('Esc：挂断')}</span>`
        : html`<span class="hint">${msg('返回键：挂断')}</span>`
    }
  </div>`;
}
