import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { residentMatches, roomOf } from '../../src/shared/directory/find-resident.js';
import { focusedElement, focusedText, nextFrame, openApp, waitForPath } from './support/app.js';
import { useFakeCalls } from './support/fake-call.js';
import { kioskApiWithCareHome, wholeCareHome } from './support/kiosk.js';
import { expectArrowsReachAll, resetScreen, steady } from './support/kiosk-checks.js';
import { overlappingText } from './support/screen-checks.js';
import { doctorJoins, screensOf, surfaceApi } from './support/surfaces.js';

// Issue 17: the kiosk's screens by remote, on a whole care home's list (150 residents): the arrows
// reach every control of every registered screen with focus in view (support/kiosk-checks.ts),
// the consult screen's reason field is entered and left, Back from a resident's consult screen
// returns to the card that opened it, and the remote's digits find a resident. By touch, text
// and contrast: kiosk-screens.test.ts.

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await nextFrame();
}

describe('the kiosk’s resident finder (pure)', () => {
  it('finds by room number, by name, and by the ID card’s last digits', () => {
    const zhao = { displayName: '赵桂兰', address: '东河镇敬老院2号楼105室', idCardSuffix: '0427' };
    const sun = { displayName: '孙富贵', address: '东河镇敬老院1号楼203室', idCardSuffix: '301X' };
    expect(roomOf(zhao.address)).to.equal('105');
    expect(residentMatches(zhao, '10')).to.equal(true);
    expect(residentMatches(zhao, '105')).to.equal(true);
    expect(residentMatches(sun, '105')).to.equal(false);
    expect(residentMatches(zhao, '427')).to.equal(true);
    expect(residentMatches(zhao, '0427')).to.equal(true);
    expect(residentMatches(sun, '0427')).to.equal(false);
    expect(residentMatches(sun, '富贵')).to.equal(true);
    expect(residentMatches(sun, '桂兰')).to.equal(false);
    expect(residentMatches(sun, ' ')).to.equal(true);
    expect(residentMatches({ ...sun, idCardSuffix: null }, '301')).to.equal(false);
  });
});

describe('kiosk screens by remote, signed in as staff, a whole care home in the list', () => {
  // The call screen is checked in a live call, the doctor in it (support/surfaces.ts).
  const sessions = useFakeCalls();
  after(resetScreen);

  for (const screen of screensOf('kiosk')) {
    it(`${screen.path}: arrows reach every control, focus stays in view`, async function () {
      this.timeout(60_000);
      await setViewport({ width: 1920, height: 1080 });
      await surfaceApi('kiosk', screen.screen);
      const app = await openApp(screen.path);
      if (screen.screen === 'call') await doctorJoins(sessions);
      await steady(app);
      await expectArrowsReachAll(app, screen.path);
    });
  }

  it('the consult screen’s reason field is reached with the arrows, and left again', async () => {
    await kioskApiWithCareHome();
    await openApp('/kiosk/consult/res-z');
    expect(focusedText()).to.contain('家庭医生');
    for (let i = 0; i < 4 && focusedElement()?.id !== 'reason'; i++) await press('ArrowUp');
    expect(focusedElement()?.id, 'the reason field').to.equal('reason');
    await press('ArrowDown');
    expect(focusedElement()?.id).to.not.equal('reason');
  });

  it('Back from a resident’s consult screen brings focus back to the card that opened it', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await kioskApiWithCareHome();
    await openApp('/kiosk');
    await waitUntil(() => focusedText().includes('赵桂兰'), 'the first resident focused');
    // Two cards on, then one row down: a card far from the first.
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowDown');
    const card = focusedElement()!;
    const name = focusedText();
    expect(name).to.not.contain('赵桂兰');
    await press('Enter');
    await waitUntil(() => window.location.pathname.startsWith('/kiosk/consult/'), 'the consult screen');
    await waitUntil(() => focusedText().includes('家庭医生'), 'the consult screen has focus');
    await press('Escape');
    await waitForPath('/kiosk');
    await waitUntil(() => focusedText() === name, `focus back on ${name}`);
    expect(focusedElement()!.getAttribute('data-focus-key')).to.equal(card.getAttribute('data-focus-key'));
  });

  it('the remote’s digits find a resident by room number or the ID card’s last digits; touch clears', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await kioskApiWithCareHome();
    const app = await openApp('/kiosk');
    const home = app.shadowRoot!.querySelector('dah-kiosk-home')!;
    const cards = () => [...home.shadowRoot!.querySelectorAll('button.resident')];
    await waitUntil(() => focusedText().includes('赵桂兰'), 'the first resident focused');
    expect(cards().length).to.equal(wholeCareHome().length);
    for (const digit of '105') await press(digit);
    await waitUntil(() => cards().every((c) => /105室/.test(c.textContent ?? '')), 'only room 105');
    expect(cards().map((c) => c.textContent!.replace(/\s+/g, ''))).to.include('赵桂兰2号楼105室');
    expect(focusedText()).to.contain('105');
    // Touch: 清除 shows every resident again and leaves the finder focused.
    (home.shadowRoot!.querySelector('[data-focus-key=clear-find]') as HTMLButtonElement).click();
    await waitUntil(() => cards().length === wholeCareHome().length, 'everyone again');
    expect(focusedElement()!.id).to.equal('find');
    // Typed by touch into the field: the ID card's last digits.
    const input = home.shadowRoot!.querySelector<HTMLInputElement>('#find')!;
    input.value = '0427';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => cards().length === 1, 'one resident');
    expect(cards()[0]!.textContent).to.contain('赵桂兰');
    // By name.
    input.value = '富贵';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => cards().every((c) => c.textContent!.includes('富贵')), 'by name');
    expect(cards().map((c) => c.textContent)).to.satisfy((all: string[]) =>
      all.some((t) => t.includes('孙富贵')),
    );
    // Nothing fits: said in words, with what to do.
    input.value = '9999';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => cards().length === 0, 'no one');
    expect(home.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('请换一种找法');
    expect(overlappingText(app.shadowRoot!)).to.deep.equal([]);
  });
});
