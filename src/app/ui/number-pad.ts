import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controls } from '../design/controls.js';
import { RemotePressEvent } from '../input/key-router.js';
import { remotePressOf } from '../input/remote-keys.js';
import { deepActiveElement, hasBox } from '../input/spatial-navigation.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'delete', '0', 'submit'] as const;
type Key = (typeof KEYS)[number];

/** The entered digits are complete (or OK was pressed). */
export class NumberSubmitEvent extends Event {
  static readonly type = 'dah-number-submit';
  constructor(readonly value: string) {
    super(NumberSubmitEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * Number entry for the remote's digit keys, a keyboard or the kiosk's touch screen: a PIN, a
 * reading typed by hand. Digits typed while a key of the pad has focus go in; Backspace deletes
 * one (and is Back again once the entry is empty); full length submits by itself. Focusing the
 * pad focuses its first key.
 * @summary Digit entry with an on-screen keypad.
 * @event input - a digit was added or deleted
 * @event dah-number-submit - the value is complete, or OK was pressed with at least min-length digits
 */
@customElement('dah-number-pad')
@localized()
export class NumberPad extends LitElement {
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  static override styles = [
    controls,
    css`
      .value {
        font-size: var(--dah-font-heading);
        letter-spacing: 0.3em;
        min-height: 1.5em;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, calc(160 * var(--dah-px)));
        grid-gap: var(--dah-space);
      }
      .keys button {
        text-align: center;
      }
    `,
  ];

  @property() value = '';
  @property({ type: Number }) length = 6;
  @property({ type: Number, attribute: 'min-length' }) minLength = 1;
  /** Show dots instead of the digits (PINs). */
  @property({ type: Boolean }) masked = false;
  /** The pad is where a screen starts: its first key is the one the focus manager picks on arrival. */
  @property({ type: Boolean, attribute: 'autofocus-keys' }) autofocusKeys = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
    window.addEventListener(RemotePressEvent.type, this.onStrayPress);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
    window.removeEventListener(RemotePressEvent.type, this.onStrayPress);
  }

  /** The digits came from the remote's (or a keyboard's) digit keys, not from the on-screen keys. */
  private typed = false;

  private readonly onKey = (event: KeyboardEvent) => {
    const press = remotePressOf(event);
    let key: Key | null = null;
    // OK after typing with the digit keys means 'done', whichever on-screen key has focus: the
    // resident never has to walk to 确定 (clicking the focused key would add a stray digit).
    if (press?.key === 'ok' && this.typed && this.value.length > 0) key = 'submit';
    else if (press?.key === 'digit') {
      key = String(press.digit) as Key;
      this.typed = true;
    }
    // The desktop's Backspace, not the TV's Back key: that always goes back.
    else if (event.key === 'Backspace' && this.value.length > 0) key = 'delete';
    if (!key) return;
    this.press(key);
    event.preventDefault();
  };

  /**
   * A digit nobody took, pressed while focus is nowhere yet (the screen has only just arrived) or
   * on the pad's own screen beside it (the measure buttons): the pad where the screen starts takes
   * it and the focus, so a resident who types before the focus ring lands loses no digit. Never
   * from behind a dialog or a reminder: focus is in those, not here.
   */
  private readonly onStrayPress = (event: Event) => {
    const { press } = event as RemotePressEvent;
    const keys = this.renderRoot.querySelector('.keys');
    if (!this.autofocusKeys || press.key !== 'digit' || !keys || !hasBox(keys.getBoundingClientRect()))
      return;
    const active = deepActiveElement();
    const root = active?.getRootNode();
    const here =
      !active || active === document.body || root === this.getRootNode() || root === this.renderRoot;
    if (!here) return;
    event.preventDefault();
    this.typed = true;
    this.press(String(press.digit) as Key);
    this.focus({ preventScroll: true });
  };

  private press(key: Key): void {
    if (key === 'submit') return this.submit();
    if (key === 'delete') this.value = this.value.slice(0, -1);
    else if (this.value.length < this.length) this.value += key;
    else return;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (this.value.length === this.length) this.submit();
  }

  private submit(): void {
    if (this.value.length < Math.max(1, this.minLength)) return;
    this.dispatchEvent(new NumberSubmitEvent(this.value));
  }

  override render() {
    const shown = this.masked ? '●'.repeat(this.value.length) : this.value;
    const label = msg(str`已输入${this.value.length}位`);
    return html`<div class="value" role="status" aria-label=${label}>${shown}</div>
      <div class="keys">
        ${KEYS.map(
          (key) =>
            html`<button
              data-key=${key}
              data-focus-key=${`pad-${key}`}
              ?data-autofocus=${this.autofocusKeys && key === '1'}
              @click=${() => {
                this.typed = false;
                this.press(key);
              }}
            >
              ${key === 'delete' ? msg('删除') : key === 'submit' ? msg('确定') : key}
            </button>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-number-pad': NumberPad;
  }
}
