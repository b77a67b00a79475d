import type { CallController } from './call-controller.js';
import type { Sender } from './call-livekit.js';

export type CallSessionModule = typeof import('./call-session.js');

/**
 * Makes each call's session: LiveKit's (call-session.ts, loaded on demand); unit tests put a fake
 * here that needs no LiveKit (through CallScreen.createSession). One place for the call screen
 * and the calls started before it opens (call-prefetch.ts).
 */
export const sessionFactory: { create: ((sender: Sender) => CallController) | null } = { create: null };

let loaded: CallSessionModule | undefined;

/** Once loaded: answering then starts the call in the same task. */
export function loadedCallSession(): CallSessionModule | undefined {
  return loaded;
}

export function loadCallSession(): Promise<CallSessionModule> {
  return import('./call-session.js').then((module) => (loaded = module));
}

/** `sender`: whose device this is (what its camera sends: call-livekit.ts cameraProfile). */
export function createCallSession(module: CallSessionModule, sender: Sender): CallController {
  return sessionFactory.create?.(sender) ?? new module.CallSession({ sender });
}
