import { createContext } from '@lit/context';
import type { WaitingRoom } from './waiting-room.js';

/**
 * The kiosk's one waiting room (the place it asked for), for its screens. The app root keeps it
 * with a ConsultationPlace for the kiosk (tv/consultation-place.ts): the same waiting room as a
 * TV's, as the API answers a kiosk with the kiosk's place.
 */
export const kioskWaitingRoomContext = createContext<WaitingRoom>(Symbol('kiosk-waiting-room'));
