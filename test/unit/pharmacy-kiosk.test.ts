import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { focusedText, openApp, screen, textOf, waitForPath } from './support/app.js';
import { kioskApiWithCareHome } from './support/kiosk.js';

// Issue 15 §5: a care home's kiosk shows today's overdue and missed doses of its residents, in
// words, reached from the kiosk's Home by the remote and by touch. Every registered kiosk screen
// also gets the walk (kiosk-remote.test.ts) and the touch-target, text-size and contrast checks (kiosk-screens.test.ts).

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await nextFrame();
}

describe("a care home kiosk: today's overdue and missed doses", () => {
  it('by remote: from Home to the list, each resident’s doses in words, a resident’s card asks a doctor for them', async () => {
    await kioskApiWithCareHome();
    const app = await openApp('/kiosk');
    await waitUntil(() => focusedText().includes('赵桂兰'), 'the first resident focused');
    for (let i = 0; i < 8 && !focusedText().includes('今日用药'); i++) {
      await press(focusedText().includes('退出') ? 'ArrowLeft' : 'ArrowUp');
    }
    expect(focusedText()).to.contain('今日用药');
    await press('Enter');
    await waitForPath('/kiosk/doses');
    await waitUntil(() => focusedText().includes('赵桂兰'), 'the first resident’s card focused');
    const text = textOf(screen(app, 'dah-kiosk-doses')).replace(/\s+/g, ' ');
    expect(text).to.contain('今天到20:40为止，2位居民有药没服。');
    expect(focusedText()).to.contain('08:00 二甲双胍片，1片：漏服（过了一小时还没有服）');
    expect(focusedText()).to.contain('20:00 二甲双胍片，1片：已到服药时间，还没有服');
    expect(focusedText()).to.contain('2号楼105室');
    await press('ArrowDown');
    expect(focusedText()).to.contain('孙富贵');
    expect(focusedText()).to.contain('20:30 甘精胰岛素注射液，10单位：已到服药时间，还没有服');
    await press('Enter');
    await waitForPath('/kiosk/consult/res-s');
  });

  it('by touch: in and back out; nothing due and a failed read are said in words, with what to do', async () => {
    let reply: 'empty' | 'error' = 'empty';
    await kioskApiWithCareHome(
      http.get('/api/pharmacy/care-home/doses', () =>
        reply === 'empty'
          ? HttpResponse.json({ serverTime: '2026-12-05T01:15:00.000Z', residents: [] })
          : HttpResponse.json({ error: { code: 'internal', message: '' } }, { status: 500 }),
      ),
    );
    const app = await openApp('/kiosk');
    const home = screen(app, 'dah-kiosk-home')!;
    home.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=doses]')!.click();
    await waitForPath('/kiosk/doses');
    const doses = () => screen(app, 'dah-kiosk-doses');
    await waitUntil(() => textOf(doses()).includes('没有逾时未服或漏服'), 'nothing due, in words');
    expect(textOf(doses())).to.contain('今天到09:15为止');
    reply = 'error';
    doses()!.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=refresh]')!.click();
    await waitUntil(() => doses()!.shadowRoot!.querySelector('[role=alert]'), 'the failure said');
    expect(textOf(doses())).to.contain('请检查网络后按“刷新”再试。');
    reply = 'empty';
    doses()!.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=refresh]')!.click();
    await waitUntil(() => textOf(doses()).includes('没有逾时未服或漏服'), 'read again');
    doses()!.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=home]')!.click();
    await waitForPath('/kiosk');
  });
});
