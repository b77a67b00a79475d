import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../shared/identity/schemas.js';
import { fetchSender, Outbox, type OutboxCounts, type OutboxItem, type OutboxWrite } from './outbox.js';

export type { OutboxCounts } from './outbox.js';

export interface OutboxControllerOptions {
  /** The CSRF token of the session now signed in (the API client's). */
  csrfToken(): string | null;
  /** The IndexedDB database (tests give each their own). */
  dbName?: string;
}

/**
 * The device's one outbox while a TV or a kiosk is signed in (a session feature, features.ts):
 * every device write (a reading, a reorder, a reminder's answer) goes through it. Opened at
 * sign-in, so writes left from before a reload are sent again; stopped at sign-out, keeping what
 * waits on disk for the next session of this device. The status bar shows how many writes wait.
 */
export class OutboxController implements ReactiveController {
  /** The IndexedDB database; tests give each app their own. */
  static dbName = 'dah-outbox';
  private outbox: Promise<Outbox> | null = null;
  private readonly listeners = new Set<(counts: OutboxCounts) => void>();
  /** Waiting and refused writes, and those held in memory only (disk full), as last counted. */
  counts: OutboxCounts = { waiting: 0, rejected: 0, held: 0 };

  constructor(
    private readonly options: OutboxControllerOptions,
    private readonly host?: ReactiveControllerHost,
  ) {
    host?.addController(this);
  }

  hostConnected(): void {}

  /** The app went away (a test's fixture, a reload): let go of the database so it can be reopened or deleted. */
  hostDisconnected(): void {
    const outbox = this.outbox;
    this.outbox = null;
    void outbox?.then((o) => o.close());
  }

  /** A session feature (shell/session-controller.ts). */
  sessionChanged(actor: SessionActor | null): void {
    const device = actor?.kind === 'tv' || actor?.kind === 'kiosk';
    if (device) void this.ready().then((outbox) => outbox.start());
    else if (this.outbox) void this.outbox.then((outbox) => outbox.stop());
  }

  /** The open outbox (opened on first use). */
  ready(): Promise<Outbox> {
    if (!this.outbox) {
      this.outbox = Outbox.open({
        send: fetchSender(() => this.options.csrfToken()),
        dbName: this.options.dbName ?? OutboxController.dbName,
      }).then((outbox) => {
        outbox.subscribe((counts) => {
          this.counts = counts;
          for (const listener of [...this.listeners]) listener(counts);
          this.host?.requestUpdate();
        });
        return outbox;
      });
    }
    return this.outbox;
  }

  /** On disk before it resolves; sent when the session and the network allow. */
  async enqueue(write: OutboxWrite): Promise<OutboxItem> {
    return (await this.ready()).enqueue(write);
  }

  /** Stores the write on disk, then tries to send it at once; resolves with where it stands. */
  async send(write: OutboxWrite): Promise<'sent' | 'waiting' | OutboxItem> {
    const outbox = await this.ready();
    const item = await outbox.enqueue(write);
    await outbox.flush();
    const now = (await outbox.items()).find((i) => i.id === item.id);
    if (!now) return 'sent';
    return now.state === 'waiting' ? 'waiting' : now;
  }

  /** Writes of a kind still on the device (waiting or refused). */
  async pending(kind: string): Promise<OutboxItem[]> {
    return (await (await this.ready()).items()).filter((item) => item.kind === kind);
  }

  /** Calls `listener` now and on every change of the counts until the returned function is called. */
  subscribe(listener: (counts: OutboxCounts) => void): () => void {
    this.listeners.add(listener);
    listener(this.counts);
    return () => this.listeners.delete(listener);
  }
}
