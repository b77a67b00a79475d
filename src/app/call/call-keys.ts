import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RemotePressEvent } from '../input/key-router.js';
import { deepActiveElement } from '../input/spatial-navigation.js';
import { LeaveScreenEvent } from '../router/events.js';
import type { Surface } from '../state/session.js';
import { insideOverlay } from '../ui/overlays.js';

export interface CallKeyActions {
  surface(): Surface;
  /** The call is on (not ended, not waiting for the answer). */
  inCall(): boolean;
  audioBlocked(): boolean;
  startAudio(): void;
  /** Whether Back is the call's here (not a dialog's, not the console's panel's). */
  ownsBack(): boolean;
  /** 要挂断吗？ */
  askHangUp(): void;
  /** Closes the measuring panel if it is open (Back closes it before it asks to hang up). */
  closeMeasuring(): boolean;
}

/**
 * The call's keys, through the key router (input/key-router.ts RemotePressEvent), before they take
 * their global meaning: the first press unblocks audio (autoplay policy); Back (Escape on the
 * console) asks before hanging up instead of leaving the call, and so does a history step back
 * (webOS's Back, a browser's Back), the call and its address staying.
 */
export class CallKeys implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly actions: CallKeyActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(RemotePressEvent.type, this.onPress);
    window.addEventListener('click', this.onClick, true);
    window.addEventListener(LeaveScreenEvent.type, this.onLeaveScreen);
  }

  hostDisconnected(): void {
    window.removeEventListener(RemotePressEvent.type, this.onPress);
    window.removeEventListener('click', this.onClick, true);
    window.removeEventListener(LeaveScreenEvent.type, this.onLeaveScreen);
  }

  private readonly onPress = (event: Event) => {
    const { press, keyboardEvent } = event as RemotePressEvent;
    const { actions } = this;
    const blocked = actions.audioBlocked() && actions.inCall();
    if (blocked) actions.startAudio();
    const console = actions.surface() === 'console';
    if (blocked && press.key === 'ok' && !console && !insideOverlay(deepActiveElement())) {
      // The press that turns the sound on does nothing else: focus might be on 挂断.
      event.preventDefault();
      return;
    }
    const back = console ? keyboardEvent.key === 'Escape' : press.key === 'back';
    if (back && actions.inCall() && actions.ownsBack()) {
      if (!actions.closeMeasuring()) actions.askHangUp();
      event.preventDefault();
    }
  };

  private readonly onClick = () => {
    if (this.actions.audioBlocked() && this.actions.inCall()) this.actions.startAudio();
  };

  private readonly onLeaveScreen = (event: Event) => {
    if (this.actions.surface() === 'console' || !this.actions.inCall()) return;
    event.preventDefault();
    this.actions.askHangUp();
  };
}
