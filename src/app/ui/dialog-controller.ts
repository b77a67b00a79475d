import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { deepActiveElement } from '../input/spatial-navigation.js';
import { DialogChoiceEvent, type DialogAction } from './dialog.js';
import './dialog.js';
import { DialogRequestEvent } from './dialog-request.js';

interface OpenDialog {
  heading: string;
  body: string;
  actions: DialogAction[];
  opener: HTMLElement | null;
  resolve: (value: string | null) => void;
}

/**
 * Every dialog goes through here: open() returns the chosen value (null when Back closed it),
 * focus goes back to where it was. The app root renders the top dialog.
 */
export class DialogController implements ReactiveController {
  private readonly stack: OpenDialog[] = [];

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this);
  }

  /** Screens ask for dialogs with a DialogRequestEvent (ui/dialog-request.ts) that bubbles to the host. */
  hostConnected(): void {
    this.host.addEventListener(DialogRequestEvent.type, this.onRequest);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(DialogRequestEvent.type, this.onRequest);
  }

  private readonly onRequest = (event: Event) => {
    const request = event as DialogRequestEvent;
    request.respond(this.open(request.heading, request.body, request.actions));
  };

  get isOpen(): boolean {
    return this.stack.length > 0;
  }

  open(heading: string, body: string, actions: DialogAction[]): Promise<string | null> {
    return new Promise((resolve) => {
      const opener = deepActiveElement();
      this.stack.push({
        heading,
        body,
        actions,
        opener: opener instanceof HTMLElement ? opener : null,
        resolve,
      });
      this.host.requestUpdate();
    });
  }

  /** Closes the top dialog as Back does; false when none is open. */
  closeTop(value: string | null = null): boolean {
    const top = this.stack.pop();
    if (!top) return false;
    top.resolve(value);
    this.host.requestUpdate();
    if (top.opener?.isConnected) top.opener.focus({ preventScroll: true });
    return true;
  }

  /** Closes every dialog (something more urgent takes the screen). */
  closeAll(): void {
    while (this.closeTop());
  }

  render() {
    const top = this.stack[this.stack.length - 1];
    if (!top) return nothing;
    return html`<dah-dialog
      .heading=${top.heading}
      .body=${top.body}
      .actions=${top.actions}
      @dah-dialog-choice=${(event: DialogChoiceEvent) => this.closeTop(event.value)}
    ></dah-dialog>`;
  }
}
