import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { RemotePressEvent } from '../../src/app/input/key-router.js';
import { NumberSubmitEvent, type NumberPad } from '../../src/app/ui/number-pad.js';
import '../../src/app/ui/number-pad.js';

async function pad(template = html`<dah-number-pad length="6" min-length="4"></dah-number-pad>`) {
  const element = await fixture<NumberPad>(template);
  const submitted: string[] = [];
  let inputs = 0;
  element.addEventListener(NumberSubmitEvent.type, (event) =>
    submitted.push((event as NumberSubmitEvent).value),
  );
  element.addEventListener('input', () => inputs++);
  element.focus();
  return { element, submitted, inputs: () => inputs };
}

const key = (element: NumberPad, name: string) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-key='${name}']`)!;

describe('number pad', () => {
  it('focusing the pad focuses its first key', async () => {
    const { element } = await pad();
    expect(element.shadowRoot!.activeElement).to.equal(key(element, '1'));
  });

  it('takes digits from the remote, and submits by itself when full', async () => {
    // (Numpad keyCodes 96-105 are in the remote-keys table test: Playwright sends them without NumLock.)
    const { element, submitted, inputs } = await pad();
    for (const digit of '24681') await sendKeys({ press: digit });
    expect(element.value).to.equal('24681');
    expect(submitted).to.deep.equal([]);
    await sendKeys({ press: '0' });
    expect(submitted).to.deep.equal(['246810']);
    expect(inputs()).to.equal(6);
    // No seventh digit.
    await sendKeys({ press: '7' });
    expect(element.value).to.equal('246810');
  });

  it('OK on 确定 submits only from the minimum length', async () => {
    const { element, submitted } = await pad();
    for (const digit of '123') await sendKeys({ press: digit });
    key(element, 'submit').click();
    expect(submitted).to.deep.equal([]);
    await sendKeys({ press: '4' });
    key(element, 'submit').click();
    expect(submitted).to.deep.equal(['1234']);
  });

  it('Backspace deletes a digit, and is Back again once the entry is empty', async () => {
    const { element } = await pad();
    const reachedWindow: string[] = [];
    const listener = (event: KeyboardEvent) => {
      if (!event.defaultPrevented) reachedWindow.push(event.key);
    };
    window.addEventListener('keydown', listener);
    try {
      await sendKeys({ press: '5' });
      await sendKeys({ press: 'Backspace' });
      expect(element.value).to.equal('');
      expect(reachedWindow).to.deep.equal([]);
      await sendKeys({ press: 'Backspace' });
      expect(reachedWindow).to.deep.equal(['Backspace']);
    } finally {
      window.removeEventListener('keydown', listener);
    }
  });

  it('the touch keys work too, and a masked pad shows dots, never the digits', async () => {
    const { element } = await pad(html`<dah-number-pad masked length="4"></dah-number-pad>`);
    key(element, '9').click();
    key(element, '8').click();
    key(element, 'delete').click();
    key(element, '7').click();
    expect(element.value).to.equal('97');
    await element.updateComplete;
    const shown = element.shadowRoot!.querySelector('.value')!;
    expect(shown.textContent).to.equal('●●');
    expect(shown.getAttribute('aria-label')).to.equal('已输入2位');
  });

  /** A digit that reached the key router untaken, as it offers it to the screen. */
  function strayDigit(digit: number): boolean {
    const offered = new RemotePressEvent(
      { key: 'digit', digit },
      new KeyboardEvent('keydown', { key: String(digit) }),
    );
    window.dispatchEvent(offered);
    return offered.defaultPrevented;
  }

  it('the pad a screen starts at takes digits typed before focus reached it, and the focus with them', async () => {
    const element = await fixture<NumberPad>(
      html`<dah-number-pad autofocus-keys length="3"></dah-number-pad>`,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    expect(strayDigit(1)).to.equal(true);
    expect(strayDigit(4)).to.equal(true);
    expect(element.value).to.equal('14');
    expect(element.shadowRoot!.activeElement).to.equal(key(element, '1'));
  });

  it('never takes digits while focus is somewhere else (a dialog over it), nor when it is not where the screen starts', async () => {
    const element = await fixture<NumberPad>(
      html`<div>
        <dah-number-pad autofocus-keys length="3"></dah-number-pad>
        <dah-number-pad id="plain" length="3"></dah-number-pad>
      </div>`,
    );
    const [first, plain] = [...element.querySelectorAll('dah-number-pad')] as NumberPad[];
    const elsewhere = document.createElement('div');
    const inDialog = elsewhere.attachShadow({ mode: 'open' }).appendChild(document.createElement('button'));
    document.body.append(elsewhere);
    try {
      inDialog.focus();
      expect(strayDigit(5)).to.equal(false);
      expect(first!.value).to.equal('');
      inDialog.blur();
      strayDigit(6);
      expect(first!.value).to.equal('6');
      expect(plain!.value).to.equal('');
    } finally {
      elsewhere.remove();
    }
  });
});
