import { createContext } from '@lit/context';
import type { ApiClient } from '../api/api-client.js';
import type { CurrentUser } from '../../shared/api-schemas.js';

/** The API client, provided once by the app root. */
export const apiContext = createContext<ApiClient>(Symbol('api'));

/** The signed-in user, or null while unknown or signed out. */
export const sessionContext = createContext<CurrentUser | null>(Symbol('session'));

/** Which surface this page is: the living-room TV, a care-home kiosk, or the clinician console. */
export type Surface = 'tv' | 'kiosk' | 'console';
export const surfaceContext = createContext<Surface>(Symbol('surface'));
