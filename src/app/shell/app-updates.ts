import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { QuietUpdate } from '../offline/quiet-update.js';
import { registerServiceWorker } from '../offline/service-worker.js';
import '../ui/toast.js';
import { whenFirstFrameShown } from './first-frame.js';

/**
 * The app's new versions (issue 18): the service worker is registered when the app starts, and a
 * version that waits is applied only when `quiet()` says the TV is at rest, with a small notice.
 */
/** Screens during which an update never starts (a call, entering a reading, waiting for a doctor). */
const BUSY_SCREENS = ['call', 'readings', 'waiting', 'emergency'];

export class AppUpdates implements ReactiveController {
  private updating = false;
  private readonly updates: QuietUpdate;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether an overlay (a ring, a reminder, a dialog) holds the screen, and which screen is on. */
    state: () => { overlay: boolean; screen: string | undefined },
  ) {
    this.updates = new QuietUpdate({
      quiet: () => {
        const { overlay, screen } = state();
        return !overlay && !BUSY_SCREENS.includes(screen ?? '');
      },
      notify: () => {
        this.updating = true;
        this.host.requestUpdate();
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    // workbox-window's registration is no part of the first screen (issue 18, cold start).
    whenFirstFrameShown(() => registerServiceWorker(this.updates));
  }

  hostDisconnected(): void {
    this.updates.stop();
  }

  render() {
    return this.updating
      ? html`<dah-toast .message=${msg('正在更新到新版本，马上就好。')}></dah-toast>`
      : nothing;
  }
}
