import { expect } from '@open-wc/testing';
import { KEY_TABLE, remotePressOf } from '../../src/app/input/remote-keys.js';

/** What each platform sends, as recorded in shared/design/tv-ui.md "Keys". */
const PLATFORM_EVENTS: [platform: string, key: string, keyCode: number, expected: string][] = [
  ['Tizen', 'XF86Back', 10009, 'back'],
  ['Tizen (no key name)', 'Unidentified', 10009, 'back'],
  ['webOS', 'Unidentified', 461, 'back'],
  ['Android TV', 'GoBack', 0, 'back'],
  ['Android TV', 'BrowserBack', 166, 'back'],
  ['desktop', 'Backspace', 8, 'back'],
  ['desktop', 'Escape', 27, 'back'],
  ['Tizen/webOS/HbbTV', 'Unidentified', 403, 'red'],
  ['Tizen/webOS/HbbTV', 'Unidentified', 404, 'green'],
  ['Tizen/webOS/HbbTV', 'Unidentified', 405, 'yellow'],
  ['Tizen/webOS/HbbTV', 'Unidentified', 406, 'blue'],
  ['Android TV', 'ColorF0Red', 0, 'red'],
  ['Android TV', 'ColorF1Green', 0, 'green'],
  ['Android TV', 'ColorF2Yellow', 0, 'yellow'],
  ['Android TV', 'ColorF3Blue', 0, 'blue'],
  ['desktop', 'F1', 112, 'red'],
  ['desktop', 'F2', 113, 'green'],
  ['all', 'ArrowUp', 38, 'up'],
  ['all', 'ArrowDown', 40, 'down'],
  ['all', 'ArrowLeft', 37, 'left'],
  ['all', 'ArrowRight', 39, 'right'],
  ['old engines', 'Up', 38, 'up'],
  ['Tizen (no key name)', 'Unidentified', 40, 'down'],
  ['all', 'Enter', 13, 'ok'],
  ['Tizen', 'Unidentified', 415, 'play'],
  ['Tizen', 'Unidentified', 19, 'pause'],
  ['Tizen', 'Unidentified', 10252, 'playPause'],
  ['Android TV', 'MediaPlayPause', 179, 'playPause'],
  ['Tizen', 'Unidentified', 427, 'pageUp'],
  ['Tizen', 'Unidentified', 428, 'pageDown'],
  ['webOS', 'ChannelUp', 33, 'pageUp'],
  ['desktop', 'PageDown', 34, 'pageDown'],
];

describe('remote keys', () => {
  for (const [platform, key, keyCode, expected] of PLATFORM_EVENTS) {
    it(`${platform}: key ${key}, keyCode ${keyCode} is ${expected}`, () => {
      expect(remotePressOf({ key, keyCode })?.key).to.equal(expected);
    });
  }

  it('digits come from the top row and the numpad, by key name or keyCode', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(remotePressOf({ key: String(digit), keyCode: 48 + digit })).to.deep.equal({
        key: 'digit',
        digit,
      });
      expect(remotePressOf({ key: 'Unidentified', keyCode: 48 + digit })).to.deep.equal({
        key: 'digit',
        digit,
      });
      expect(remotePressOf({ key: 'Unidentified', keyCode: 96 + digit })).to.deep.equal({
        key: 'digit',
        digit,
      });
    }
  });

  it('in a text field, Backspace and typing belong to the field; Escape and arrows up/down still act', () => {
    expect(remotePressOf({ key: 'Backspace', keyCode: 8 }, true)).to.equal(null);
    expect(remotePressOf({ key: 'a', keyCode: 65 }, true)).to.equal(null);
    expect(remotePressOf({ key: '5', keyCode: 53 }, true)).to.equal(null);
    expect(remotePressOf({ key: 'ArrowLeft', keyCode: 37 }, true)).to.equal(null);
    expect(remotePressOf({ key: 'Escape', keyCode: 27 }, true)?.key).to.equal('back');
    expect(remotePressOf({ key: 'ArrowDown', keyCode: 40 }, true)?.key).to.equal('down');
    // The TV's Back key is never typing.
    expect(remotePressOf({ key: 'XF86Back', keyCode: 10009 }, true)?.key).to.equal('back');
  });

  it('keys that are not on a remote are ignored', () => {
    expect(remotePressOf({ key: 'a', keyCode: 65 })).to.equal(null);
    expect(remotePressOf({ key: 'Tab', keyCode: 9 })).to.equal(null);
    expect(remotePressOf({ key: 'Unidentified', keyCode: 0 })).to.equal(null);
  });

  it('no keyCode or key name means two different things in the table', () => {
    const seen = new Map<string, string>();
    for (const binding of KEY_TABLE) {
      for (const id of [
        ...binding.keyCodes.map((code) => `code ${code}`),
        ...binding.keys.map((k) => `key ${k}`),
      ]) {
        expect(seen.get(id), id).to.equal(undefined);
        seen.set(id, binding.key);
      }
    }
  });
});
