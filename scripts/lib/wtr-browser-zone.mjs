// A @web/test-runner command that sets the zone and language of one test file's page, as a TV box
// or console PC left on other settings would have them: `executeServerCommand('browser-zone',
// { timeZone, locale })`, `{}` to go back. Chromium's DevTools Emulation domain, which is how
// Playwright's timezoneId and locale work, but for this page only (they are per browser context
// there): the other test files keep the machine's own. The DevTools session stays attached while
// the overrides hold, since Chromium drops them when it detaches.

/** @type {Map<string, import('playwright-core').CDPSession>} */
const attached = new Map();

export function browserZonePlugin() {
  return {
    name: 'browser-zone',
    async executeCommand({ command, payload, session }) {
      if (command !== 'browser-zone') return undefined;
      if (session.browser.type !== 'playwright') {
        throw new Error(`browser-zone needs the Playwright launcher, not ${session.browser.type}`);
      }
      const { timeZone, locale } = payload ?? {};
      let cdp = attached.get(session.id);
      if (!cdp) {
        const page = session.browser.getPage(session.id);
        cdp = await page.context().newCDPSession(page);
        attached.set(session.id, cdp);
      }
      // An empty timezoneId and no locale restore the machine's own.
      await cdp.send('Emulation.setTimezoneOverride', { timezoneId: timeZone ?? '' });
      await cdp.send('Emulation.setLocaleOverride', locale ? { locale } : {});
      if (!timeZone && !locale) {
        attached.delete(session.id);
        await cdp.detach();
      }
      return true;
    },
  };
}
