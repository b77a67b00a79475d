/**
 * What each TV platform's remote sends, as one table (shared/design/tv-ui.md "Keys"). Tizen and
 * webOS send legacy keyCodes; Android TV WebViews send `key` names (colour keys arrive with
 * keyCode 0); desktop browsers stand in for testing. Pure: tested without a browser.
 */
export type RemoteKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'ok'
  | 'back'
  | 'red'
  | 'green'
  | 'yellow'
  | 'blue'
  | 'digit'
  | 'play'
  | 'pause'
  | 'playPause'
  | 'pageUp'
  | 'pageDown';

export interface KeyBinding {
  key: RemoteKey;
  /** KeyboardEvent.keyCode values (Tizen, webOS, HbbTV and desktop). */
  keyCodes: readonly number[];
  /** KeyboardEvent.key values (Android TV, desktop). */
  keys: readonly string[];
  /** Who sends it, for people reading this table. */
  sources: string;
}

export const KEY_TABLE: readonly KeyBinding[] = [
  { key: 'up', keyCodes: [38], keys: ['ArrowUp', 'Up'], sources: 'all' },
  { key: 'down', keyCodes: [40], keys: ['ArrowDown', 'Down'], sources: 'all' },
  { key: 'left', keyCodes: [37], keys: ['ArrowLeft', 'Left'], sources: 'all' },
  { key: 'right', keyCodes: [39], keys: ['ArrowRight', 'Right'], sources: 'all' },
  { key: 'ok', keyCodes: [13], keys: ['Enter'], sources: 'all' },
  {
    key: 'back',
    keyCodes: [10009, 461, 166, 8, 27],
    keys: ['XF86Back', 'GoBack', 'BrowserBack', 'Backspace', 'Escape'],
    sources:
      'Tizen 10009 XF86Back; webOS/HbbTV 461; Android TV GoBack/BrowserBack (166); desktop Backspace, Escape',
  },
  {
    key: 'red',
    keyCodes: [403, 112],
    keys: ['ColorF0Red', 'F1'],
    sources: 'Tizen/webOS/HbbTV 403; Android TV ColorF0Red; desktop F1',
  },
  {
    key: 'green',
    keyCodes: [404, 113],
    keys: ['ColorF1Green', 'F2'],
    sources: '404; ColorF1Green; desktop F2',
  },
  {
    key: 'yellow',
    keyCodes: [405, 114],
    keys: ['ColorF2Yellow', 'F3'],
    sources: '405; ColorF2Yellow; desktop F3',
  },
  { key: 'blue', keyCodes: [406, 115], keys: ['ColorF3Blue', 'F4'], sources: '406; ColorF3Blue; desktop F4' },
  { key: 'play', keyCodes: [415], keys: ['MediaPlay', 'Play'], sources: 'Tizen/webOS/HbbTV 415' },
  { key: 'pause', keyCodes: [19], keys: ['MediaPause', 'Pause'], sources: 'Tizen/webOS/HbbTV 19' },
  {
    key: 'playPause',
    keyCodes: [10252, 179],
    keys: ['MediaPlayPause'],
    sources: 'Tizen 10252; Android TV 179',
  },
  {
    key: 'pageUp',
    keyCodes: [427, 33],
    keys: ['ChannelUp', 'PageUp'],
    sources: 'Tizen 427; webOS/Android TV 33 ChannelUp; desktop PageUp',
  },
  {
    key: 'pageDown',
    keyCodes: [428, 34],
    keys: ['ChannelDown', 'PageDown'],
    sources: 'Tizen 428; webOS/Android TV 34 ChannelDown; desktop PageDown',
  },
];

export interface RemotePress {
  key: RemoteKey;
  /** 0-9 for `digit`. */
  digit?: number;
}

/** Keys a text field needs for itself: they are not remote keys while one is focused. */
const TEXT_EDITING_KEYS = new Set(['Backspace', 'ArrowLeft', 'ArrowRight', 'Enter', ' ']);

/**
 * The remote key a keydown stands for, or null. `inTextField`: the focused element takes text,
 * so Backspace deletes a character rather than going back, letters and digits are typing.
 */
export function remotePressOf(
  event: Pick<KeyboardEvent, 'key' | 'keyCode'>,
  inTextField = false,
): RemotePress | null {
  if (inTextField && (TEXT_EDITING_KEYS.has(event.key) || event.key.length === 1)) return null;
  // Digits: the top row (48-57) and the numpad (96-105), by key name first.
  if (/^[0-9]$/.test(event.key)) return { key: 'digit', digit: Number(event.key) };
  if (event.keyCode >= 48 && event.keyCode <= 57) return { key: 'digit', digit: event.keyCode - 48 };
  if (event.keyCode >= 96 && event.keyCode <= 105) return { key: 'digit', digit: event.keyCode - 96 };
  for (const binding of KEY_TABLE) {
    if (binding.keys.includes(event.key)) return { key: binding.key };
  }
  // Colour keys on Android TV come with keyCode 0: they matched by key name above.
  for (const binding of KEY_TABLE) {
    if (event.keyCode !== 0 && binding.keyCodes.includes(event.keyCode)) return { key: binding.key };
  }
  return null;
}

/** Tizen delivers colour and media keys only after registering them (tizen.tvinputdevice). */
export function registerPlatformKeys(): void {
  const tizen = (
    window as unknown as { tizen?: { tvinputdevice?: { registerKeyBatch?: (keys: string[]) => void } } }
  ).tizen;
  try {
    tizen?.tvinputdevice?.registerKeyBatch?.([
      'ColorF0Red',
      'ColorF1Green',
      'ColorF2Yellow',
      'ColorF3Blue',
      'MediaPlay',
      'MediaPause',
      'MediaPlayPause',
      'ChannelUp',
      'ChannelDown',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
  } catch {
    // Not a Tizen TV, or the privilege is missing: the keys still work on other platforms.
  }
}
