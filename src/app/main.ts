// Entry point: the app root (which applies the device's language setting); the service worker
// where the platform allows one.
import { registerServiceWorker } from './offline/service-worker.js';
import './app-root.js';

registerServiceWorker();
