import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FocusManager } from './focus-manager.js';
import { CARD_CONTENT_LENGTH, CARD_PREFIX } from '../../shared/identity/card-format.js';
import { registerPlatformKeys, remotePressOf, type RemotePress } from './remote-keys.js';
import { ScannedCodeEvent, WedgeRecogniser } from './scanner-input.js';
import { deepActiveElement } from './spatial-navigation.js';
import type { UserActivity } from './user-activity.js';

/** What the global keys do, supplied by the app root. The same meaning on every screen. */
export interface RemoteActions {
  focus: FocusManager;
  /** Told of every key and touch, once each: the idle timers subscribe to it (user-activity.ts). */
  activity: UserActivity;
  /** Whether the remote drives this page (TV, kiosk) rather than a mouse (console). */
  remoteDriven(): boolean;
  /** Identifies the current screen, for the focus it should get back. */
  screenKey(): string;
  /** Back: close the top dialog, else up one level; on Home, ask whether to leave. */
  back(): void;
  /** Red: emergency call. */
  emergency(): void;
  /** Green: answer an incoming call; false when nothing is ringing. */
  answerCall(): boolean;
  /** Yellow: how to use the remote on this screen. */
  help(): void;
}

function takesText(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'range', 'submit'].includes(element.type);
  return (element as HTMLElement).isContentEditable;
}

/** Natively activated by Enter: leave OK to the browser for these. */
function activatesItself(element: Element | null): boolean {
  return (
    element instanceof HTMLButtonElement ||
    element instanceof HTMLAnchorElement ||
    element instanceof HTMLInputElement
  );
}

/**
 * Offered to the screen on show before a press takes its global meaning: a screen with a meaning
 * of its own for a key (the call: Back asks before hanging up) calls preventDefault and the key
 * router does nothing more. The one way a screen hears remote keys besides focused components.
 */
export class RemotePressEvent extends Event {
  static readonly type = 'dah-remote-press';
  constructor(
    readonly press: RemotePress,
    readonly keyboardEvent: KeyboardEvent,
  ) {
    super(RemotePressEvent.type, { cancelable: true });
  }
}

/**
 * The one module that owns remote-control input (the key table is in remote-keys.ts). The global
 * meanings, the same on every screen: arrows move focus, ChannelUp/Down page through long lists,
 * OK activates, Back goes up one level, red = emergency, green = answer a call, yellow = help;
 * blue, digits and media keys belong to the focused component. Components
 * handle keys of their own first (a number pad takes digits) and call preventDefault; everything
 * else arrives here in the bubbling phase.
 */
export class KeyRouter implements ReactiveController {
  /** A QR scanner typing a card (scanner-input.ts): heard before any component takes the keys. */
  private readonly scanner = new WedgeRecogniser(CARD_PREFIX, CARD_CONTENT_LENGTH);

  constructor(
    host: ReactiveControllerHost,
    private readonly actions: RemoteActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    registerPlatformKeys();
    window.addEventListener('keydown', this.onKeyDown);
    // Capture: heard before a component takes the press (a number pad takes digits). One
    // listener for both jobs: each listener call is a cost of its own on every press of a slow TV.
    window.addEventListener('keydown', this.onKeyCapture, true);
    window.addEventListener('pointerdown', this.onPersonInput, true);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keydown', this.onKeyCapture, true);
    window.removeEventListener('pointerdown', this.onPersonInput, true);
  }

  /**
   * Any key or touch: the person took over, and the focus manager must not move focus from them;
   * the idle timers hear it once (a kiosk's sign-out, a self-service visit).
   */
  private readonly onPersonInput = () => {
    this.actions.focus.personTookOver();
    this.actions.activity.announce();
  };

  /** Every key, before any component: the scanner hears it, and the person took over. */
  private readonly onKeyCapture = (event: KeyboardEvent) => {
    this.onScannerKey(event);
    this.onPersonInput();
  };

  /**
   * Keys of a scanner's burst go no further (a pad would take its digits, Enter would press a
   * button); the whole code is announced as a ScannedCodeEvent. Only where the remote drives the
   * page (kiosk, TV) and never while a text field has focus: there the keys are typing.
   */
  private readonly onScannerKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !this.actions.remoteDriven()) return;
    if (takesText(deepActiveElement())) return;
    const verdict = this.scanner.feed(event.key, event.timeStamp);
    if (verdict === 'pass') return;
    event.preventDefault();
    event.stopPropagation();
    if (verdict !== 'take') window.dispatchEvent(new ScannedCodeEvent(verdict.code));
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const active = deepActiveElement();
    const press = remotePressOf(event, takesText(active));
    if (!press) return;
    const offered = new RemotePressEvent(press, event);
    window.dispatchEvent(offered);
    if (offered.defaultPrevented) return event.preventDefault();
    const { focus } = this.actions;
    if (!this.actions.remoteDriven()) {
      // On the console only Escape means something globally: it closes a dialog.
      if (event.key === 'Escape') {
        this.actions.back();
        event.preventDefault();
      }
      return;
    }
    // Asked only when focus has to come back: most presses never need it.
    const screenKey = () => this.actions.screenKey();
    switch (press.key) {
      case 'up':
      case 'down':
      case 'left':
      case 'right':
        focus.move(press.key, screenKey);
        break;
      case 'pageUp':
        focus.page('up', screenKey);
        break;
      case 'pageDown':
        focus.page('down', screenKey);
        break;
      case 'back':
        this.actions.back();
        break;
      case 'red':
        this.actions.emergency();
        break;
      case 'green':
        if (!this.actions.answerCall()) return;
        break;
      case 'yellow':
        this.actions.help();
        break;
      case 'ok':
        // Focus that went missing comes back first: that press is not wasted on nothing.
        if (focus.ensureFocus(screenKey)) break;
        if (activatesItself(active)) return;
        (active as HTMLElement | null)?.click();
        break;
      default:
        // Digits and media keys belong to the focused component.
        return;
    }
    event.preventDefault();
  };
}
