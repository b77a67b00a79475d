/* global window */
// Issue 18 item 2: a damaged copy of the app in the service worker's cache (a broken body, a
// half-written entry) must not leave a blank screen for ever, since the worker keeps serving it.
// If the app's scripts did not run by the page's load event (the entry module or one it imports
// failed), and the network is there, the caches and the worker are dropped and the page loads
// again from the network, where the worker installs afresh. Once per page session, so a fault on
// the server cannot make it loop. A plain script (no module) so that it runs even then.
(function () {
  var FLAG = 'dah.boot-repair';
  window.addEventListener('load', function () {
    if (window.customElements && window.customElements.get('dah-app')) {
      try {
        window.sessionStorage.removeItem(FLAG);
      } catch {
        // No sessionStorage: nothing to forget.
      }
      return;
    }
    if (!navigator.onLine || !window.caches) return;
    try {
      if (window.sessionStorage.getItem(FLAG)) return;
      window.sessionStorage.setItem(FLAG, '1');
    } catch {
      return;
    }
    var jobs = [
      window.caches.keys().then(function (names) {
        return Promise.all(
          names.map(function (name) {
            return window.caches.delete(name);
          }),
        );
      }),
    ];
    if (navigator.serviceWorker) {
      jobs.push(
        navigator.serviceWorker.getRegistrations().then(function (registrations) {
          return Promise.all(
            registrations.map(function (r) {
              return r.unregister();
            }),
          );
        }),
      );
    }
    Promise.all(jobs).then(
      function () {
        window.location.reload();
      },
      function () {
        window.location.reload();
      },
    );
  });
})();
