// Entry point: the app root (which applies the device's language setting and registers the
// service worker where the platform allows one, with its quiet updates).
import './app-root.js';
