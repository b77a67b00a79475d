import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../shared/api-schemas.js';
import { Outbox, fetchSender, type OutboxItem, type OutboxWrite } from './outbox.js';

type Counts = { waiting: number; rejected: number };

/**
 * The outbox as a session feature (features.ts): opened when a TV or kiosk signs in, sending
 * while someone is signed in (the API needs the session), stopped at sign-out. What waits stays
 * on disk across sign-outs and reloads and leaves at the next sign-in. Screens enqueue through it
 * and the status bar shows how many writes wait.
 */
// Fits shell/session-controller.ts's SessionFeature by shape: importing it would close a cycle
// through state/contexts.ts, which carries this class's type.
export class OutboxFeature implements ReactiveController {
  private outbox: Promise<Outbox> | null = null;
  private readonly listeners = new Set<(counts: Counts) => void>();
  counts: Counts = { waiting: 0, rejected: 0 };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { csrfToken(): string | null; dbName?: string },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The app went away (a test's fixture, a reload): let go of the database so it can be reopened or deleted. */
  hostDisconnected(): void {
    const outbox = this.outbox;
    this.outbox = null;
    void outbox?.then((o) => o.close());
  }

  sessionChanged(actor: SessionActor | null): void {
    const sending = actor !== null && actor.kind !== 'clinician';
    if (sending) void this.open().then((o) => o.start());
    else if (this.outbox) void this.outbox.then((o) => o.stop());
  }

  private open(): Promise<Outbox> {
    if (!this.outbox) {
      this.outbox = Outbox.open({
        send: fetchSender(() => this.options.csrfToken()),
        ...(this.options.dbName ? { dbName: this.options.dbName } : {}),
      }).then((outbox) => {
        outbox.subscribe((counts) => {
          this.counts = counts;
          for (const l of this.listeners) l(counts);
          this.host.requestUpdate();
        });
        return outbox;
      });
    }
    return this.outbox;
  }

  /** On disk before it resolves; sent when the session and the network allow. */
  async enqueue(write: OutboxWrite): Promise<OutboxItem> {
    return (await this.open()).enqueue(write);
  }

  /** Whether a write with this id still waits (not yet accepted by the API). */
  async waits(id: string): Promise<boolean> {
    return (await (await this.open()).items()).some((i) => i.id === id && i.state === 'waiting');
  }

  /** Calls `listener` now and on every change of the counts; returns the unsubscribe function. */
  subscribe(listener: (counts: Counts) => void): () => void {
    this.listeners.add(listener);
    listener(this.counts);
    return () => this.listeners.delete(listener);
  }
}
