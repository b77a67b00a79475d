import type { Page } from 'playwright-core';

/**
 * Goes to `url` on a resident's TV and answers 已服药 to a medication reminder that comes up (the
 * demo county's medicines fall due at real clock times: amlodipine at 08:00 Shanghai is due
 * while a run falls between 00:00 and 01:00 UTC). The TV reads its schedule once the page is up;
 * an answered dose is kept on the TV, so the reminder does not come back on the next page.
 */
export async function gotoAnsweringReminders(page: Page, url: string): Promise<void> {
  const schedule = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/pharmacy/medicines/mine',
    { timeout: 15_000 },
  );
  await page.goto(url);
  await schedule.catch(() => undefined);
  const reminder = page.locator('dah-medication-reminder');
  const deadline = Date.now() + 1500;
  while (Date.now() < deadline) {
    if (await reminder.count()) {
      await reminder.getByRole('button', { name: '已服药' }).click();
      await reminder.waitFor({ state: 'detached' });
    }
    await page.waitForTimeout(100);
  }
}
