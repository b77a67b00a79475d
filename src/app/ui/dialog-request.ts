import type { DialogAction } from './dialog.js';

/**
 * A screen asks the app root to open a dialog (every dialog goes through its DialogController:
 * Back closes it, focus comes back). `answer` resolves with the chosen value, null when Back
 * closed it.
 */
export class DialogRequestEvent extends Event {
  static readonly type = 'dah-dialog-request';
  readonly answer: Promise<string | null>;
  private resolve!: (value: string | null) => void;

  constructor(
    readonly heading: string,
    readonly body: string,
    readonly actions: DialogAction[],
  ) {
    super(DialogRequestEvent.type, { bubbles: true, composed: true });
    this.answer = new Promise((resolve) => (this.resolve = resolve));
  }

  /** The app root hands over the dialog's answer. */
  respond(answer: Promise<string | null>): void {
    void answer.then(this.resolve);
  }
}

/** Asks a question from `from` (a screen) and resolves with the chosen value, null when closed. */
export function askDialog(
  from: EventTarget,
  heading: string,
  body: string,
  actions: DialogAction[],
): Promise<string | null> {
  const request = new DialogRequestEvent(heading, body, actions);
  from.dispatchEvent(request);
  return request.answer;
}
