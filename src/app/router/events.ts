/**
 * Fired on window, cancelable, before a history step back leaves the screen on show; a screen
 * that cancels it stays, with its history entry, and says why itself.
 */
export class LeaveScreenEvent extends Event {
  static readonly type = 'dah-leave-screen';
  constructor() {
    super(LeaveScreenEvent.type, { cancelable: true });
  }
}

/** Screens ask the app root to navigate by dispatching this event (bubbles out of shadow roots). */
export class NavigateEvent extends Event {
  static readonly type = 'dah-navigate';
  constructor(readonly path: string) {
    super(NavigateEvent.type, { bubbles: true, composed: true });
  }
}
