import type { FocusManager } from '../input/focus-manager.js';
import type { RemoteActions } from '../input/key-router.js';
import type { UserActivity } from '../input/user-activity.js';
import type { Surface } from '../state/session.js';
import type { DialogController } from '../ui/dialog-controller.js';
import { tvEmergency } from '../consultations/paths.js';
import { confirmExit, showHelp } from './remote-dialogs.js';

/** What the shell's remote meanings need from the app root. */
export interface ShellParts {
  focus: FocusManager;
  activity: UserActivity;
  dialogs: DialogController;
  surface(): Surface;
  signedIn(): boolean;
  /** The screen on show (router.route.screen). */
  screen(): string | undefined;
  /** Up one level in the router; false on a top screen. */
  up(): boolean;
  navigate(path: string): void;
  calls: { readonly ringing: boolean; answer(): boolean; decline(): boolean };
  /** A medicine reminder on screen put off for later; false when none is on screen. */
  laterReminder(): boolean;
}

/**
 * The remote's meanings that are the same on every screen (input/key-router.ts asks for them):
 * Back, and the red, green and yellow keys. Back declines a ringing call, puts off a reminder,
 * closes a dialog, else goes up one level; on Home it asks before leaving.
 */
export function shellRemoteActions(parts: ShellParts): RemoteActions {
  const help = (): void => {
    if (!parts.dialogs.isOpen && !parts.calls.ringing) showHelp(parts.dialogs);
  };
  return {
    focus: parts.focus,
    activity: parts.activity,
    remoteDriven: () => parts.surface() !== 'console' && parts.signedIn(),
    screenKey: () => window.location.pathname,
    back: () => {
      if (parts.calls.decline() || parts.laterReminder() || parts.dialogs.closeTop()) return;
      parts.focus.remember(window.location.pathname);
      if (parts.up()) return;
      if (parts.surface() !== 'console') void confirmExit(parts.dialogs);
    },
    // In a call the doctor is already there: the red key must not drop the call.
    emergency: () => {
      if (parts.surface() === 'tv' && parts.screen() !== 'call') parts.navigate(tvEmergency.build());
    },
    answerCall: () => parts.calls.answer(),
    help,
  };
}
