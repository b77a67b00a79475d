import { path } from '../router/route.js';

export const tvSettings = path('/tv/settings');
