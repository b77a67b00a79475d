import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { type PushListener } from './push-channel.js';
import { pushContext } from '../state/contexts.js';

/**
 * Hears the app's push channel (from the context) exactly while the host is connected; `opened`
 * runs each time the channel's stream opens (PushChannel says why).
 */
export class PushListenerController implements ReactiveController {
  private readonly channel: ContextConsumer<typeof pushContext, ReactiveElement>;
  private unsubscribe: (() => void) | null = null;

  constructor(
    host: ReactiveElement,
    private readonly listener: PushListener,
    private readonly opened?: () => void,
  ) {
    // Added first, so the channel is known by the time hostConnected below runs.
    this.channel = new ContextConsumer(host, { context: pushContext });
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.channel.value?.subscribe(this.listener, this.opened) ?? null;
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
