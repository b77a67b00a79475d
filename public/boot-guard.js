/* global window, document */
// Issue 18 item 2: a damaged or missing copy of the app in the service worker's cache (a broken
// body, a half-written or cleared entry) must never leave a blank screen, since the worker keeps
// serving it. If the app's scripts did not run by the page's load event (the entry module or one it
// imports failed):
// - with the network there, the caches and the worker are dropped and the page loads again from the
//   network, where the worker installs afresh; once per page session, so a fault on the server
//   cannot make it loop (then the message below says to try again later);
// - with no network, nothing can be fetched: a message in words says what happened and what to do,
//   and the same repair runs by itself the moment the network is back.
// A plain script (no module; nothing newer than Chromium 76 has) so that it runs even then, on Chromium 76. The app's own text goes
// through @lit/localize; this runs when the app could not, so its two languages are here, chosen by
// the language saved in the TV's settings (state/settings.ts).
(function () {
  var FLAG = 'dah.boot-repair';
  var TEXT = {
    'zh-CN': {
      title: '临医在家暂时打不开',
      offline:
        '这台电视上保存的程序不完整，需要连上网络重新下载。请检查路由器和网线。网络连上后会自动重新打开，不用做别的。',
      failed: '程序没能加载。请过几分钟按“重试”。如果一直打不开，请给村医打电话。',
      retry: '重试',
    },
    en: {
      title: 'Doctor at Home cannot open right now',
      offline:
        'The copy of the app on this TV is incomplete and must be downloaded again. Please check the router and the cable. It opens again by itself once the network is back.',
      failed:
        'The app did not load. Please press Retry in a few minutes. If it still does not open, call your village doctor.',
      retry: 'Retry',
    },
  };

  function started() {
    return Boolean(window.customElements && window.customElements.get('dah-app'));
  }

  function words() {
    try {
      var saved = JSON.parse(window.localStorage.getItem('dah.settings') || '{}');
      if (saved && saved.locale === 'en') return TEXT.en;
    } catch {
      // No storage, or damaged settings: the default language.
    }
    return TEXT['zh-CN'];
  }

  function repairTried() {
    try {
      return window.sessionStorage.getItem(FLAG) !== null;
    } catch {
      return true;
    }
  }

  /** Drops every cache and the worker, then loads the page again from the network. */
  function repair() {
    try {
      window.sessionStorage.setItem(FLAG, '1');
    } catch {
      return;
    }
    var jobs = [];
    if (window.caches) {
      jobs.push(
        window.caches.keys().then(function (names) {
          return Promise.all(
            names.map(function (name) {
              return window.caches['delete'](name);
            }),
          );
        }),
      );
    }
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
  }

  /**
   * The problem in words, 10-foot sized (text >= 32 px at 1080p, inside the title-safe margins,
   * light on dark at more than 7:1), with a Retry button that has focus for the remote's OK key.
   */
  function explain(kind) {
    var text = words();
    var box = document.createElement('section');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-boot-problem', kind);
    box.style.cssText =
      'position:fixed;top:0;left:0;right:0;bottom:0;box-sizing:border-box;padding:8vh 8vw;' +
      'background:#0f1419;color:#f5f7fa;font-size:3.4vh;line-height:1.5;z-index:2147483647';
    var title = document.createElement('h1');
    title.style.cssText = 'font-size:5.2vh;margin:0 0 3vh';
    title.textContent = text.title;
    var lead = document.createElement('p');
    lead.style.cssText = 'margin:0 0 4vh;max-width:70em';
    lead.textContent = kind === 'offline' ? text.offline : text.failed;
    var retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = text.retry;
    retry.style.cssText =
      'font:inherit;min-height:9vh;padding:1vh 4vw;border-radius:1vh;border:0.4vh solid #f5f7fa;' +
      'background:#1d2733;color:#f5f7fa;outline:0.6vh solid #ffd54f;outline-offset:0.4vh';
    retry.addEventListener('click', function () {
      if (navigator.onLine && !repairTried()) repair();
      else window.location.reload();
    });
    box.appendChild(title);
    box.appendChild(lead);
    box.appendChild(retry);
    document.body.appendChild(box);
    retry.focus();
  }

  window.addEventListener('load', function () {
    if (started()) {
      try {
        window.sessionStorage.removeItem(FLAG);
      } catch {
        // No sessionStorage: nothing to forget.
      }
      return;
    }
    if (!navigator.onLine) {
      explain('offline');
      // Back online: fetch a whole copy again, without anyone pressing anything.
      window.addEventListener('online', function () {
        if (repairTried()) window.location.reload();
        else repair();
      });
      return;
    }
    if (repairTried() || !window.caches) explain('failed');
    else repair();
  });
})();
