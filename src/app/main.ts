// Entry point: localisation, then the app root; the service worker where the platform allows one.
import { applyLocale, savedLocale } from './localization.js';
import { registerServiceWorker } from './offline/service-worker.js';
import './app-root.js';

const locale = savedLocale();
if (locale !== 'zh-CN') void applyLocale(locale);
registerServiceWorker();
