/* global self, caches, PRECACHE_ENTRIES */
// Imported by the service worker (scripts/build.mjs writes it as sw-repair.js with the precache's
// entries in front, and Workbox's generateSW imports it with importScripts). Issue 18 item 2: a
// precache that lost entries (a storage cleaner, a half-applied update, caches cleared by hand)
// is refilled on the next start with the network there, instead of staying short until a new
// version of the worker installs: Workbox serves a missing entry from the network then, but does
// not keep it (it "repairs" only entries with an integrity hash, which generateSW does not write),
// so the next start with the network off would find it missing.
(function () {
  /** After the start's own requests: the worker's one thread serves them first. */
  var REPAIR_AFTER_MS = 3000;
  /** Workbox's precache name (workbox-core cacheNames: prefix, 'precache-v2', the scope). */
  var cacheName = 'workbox-precache-v2-' + self.registration.scope;
  var repairing = null;

  /** Workbox's key for an entry (workbox-precaching createCacheKey): its revision as a parameter. */
  function cacheKey(entry) {
    var url = new URL(entry.url, self.location.href);
    if (entry.revision) url.searchParams.set('__WB_REVISION__', entry.revision);
    return url.href;
  }

  function refill(cache, entry) {
    var key = cacheKey(entry);
    return cache.match(key).then(function (kept) {
      if (kept) return undefined;
      return fetch(new URL(entry.url, self.location.href).href, {
        cache: 'reload',
        credentials: 'same-origin',
      }).then(function (response) {
        // Only a whole answer of our own: never an error page or a redirect in the precache.
        if (response.ok && !response.redirected && response.type === 'basic') return cache.put(key, response);
        return undefined;
      });
    });
  }

  /** Every entry of this version that the precache lacks, fetched again and kept. */
  function repair() {
    return caches.open(cacheName).then(function (cache) {
      return Promise.all(
        PRECACHE_ENTRIES.map(function (entry) {
          // One entry out of reach does not stop the others.
          return refill(cache, entry).catch(function () {
            return undefined;
          });
        }),
      );
    });
  }

  // Registered before Workbox's own fetch listener (importScripts comes first in sw.js); it never
  // answers a request, it only keeps the worker alive for the repair. Once per start of the
  // worker, on the app's start (a navigation) with the network there.
  self.addEventListener('fetch', function (event) {
    if (repairing || event.request.mode !== 'navigate' || !self.navigator.onLine) return;
    repairing = new Promise(function (resolve) {
      setTimeout(resolve, REPAIR_AFTER_MS);
    })
      .then(repair)
      .catch(function () {
        repairing = null;
      });
    event.waitUntil(repairing);
  });
})();
