import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';

/**
 * Said while the outbox holds writes in memory because the device's storage is full (issue 18
 * item 2): what happened and what to do. Drawn by the app root in the shell's notice style.
 */
export function renderStorageFull(held: number) {
  if (held <= 0) return nothing;
  return html`<p class="offline" role="alert" data-storage-full=${held}>
    ${msg(
      str`电视的存储空间满了，有${held}条记录暂时只保存在内存里。请不要关电视，连上网络后会自动发送。如果经常这样，请告诉家庭医生。`,
    )}
  </p>`;
}
