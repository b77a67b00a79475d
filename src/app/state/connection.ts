import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Health } from '../../shared/api-schemas.js';
import type { ApiClient } from '../api/api-client.js';

/** online: the API and video service answer; degraded: the API answers, video does not; offline: no API. */
export type ConnectionStatus = 'online' | 'degraded' | 'offline';

const CHECK_EVERY_MS = 30_000;

/** Watches the network and the API's health so every screen can show it. */
export class ConnectionController implements ReactiveController {
  status: ConnectionStatus = navigator.onLine ? 'online' : 'offline';
  private timer: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => ApiClient,
    private readonly onChange: (status: ConnectionStatus) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.check);
    window.addEventListener('offline', this.goOffline);
    // A TV started with no network is offline from its first frame, before any check answers.
    this.onChange(this.status);
    // Offline, a request would only fail (and take the main thread from the first frames); the
    // 'online' event checks at once when the network is back, and the timer on the usual beat.
    if (navigator.onLine) void this.check();
    else this.timer = window.setTimeout(() => void this.check(), CHECK_EVERY_MS);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.check);
    window.removeEventListener('offline', this.goOffline);
    window.clearTimeout(this.timer);
  }

  private readonly goOffline = () => this.set('offline');

  private readonly check = async () => {
    window.clearTimeout(this.timer);
    try {
      const health = await readHealth(this.api());
      this.set(health.status === 'ok' ? 'online' : 'degraded');
    } catch (error) {
      // 503 carries the health body too: the API is there, something behind it is not.
      this.set((error as { status?: number }).status === 503 ? 'degraded' : 'offline');
    }
    this.timer = window.setTimeout(() => void this.check(), CHECK_EVERY_MS);
  };

  private set(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.onChange(status);
    this.host.requestUpdate();
  }
}

/** GET /healthz: the API and what stands behind it (the one call this controller makes). */
function readHealth(api: ApiClient): Promise<Health> {
  return api.request('GET', '/healthz');
}
