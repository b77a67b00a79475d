import type { Locale } from '../localization.js';
import type { Surface } from './session.js';

export type TextSize = 'normal' | 'large' | 'largest';

/** What a person can change on this device (the Settings screen). Stored on the device. */
export interface Settings {
  locale: Locale;
  textSize: TextSize;
  /** Read titles and the focused item aloud: on by default on TVs, off on shared kiosks. */
  voiceGuidance: boolean;
  /** When the pre-call check (camera, microphone, speaker) last passed, ISO 8601; null: never. */
  precheckPassedAt: string | null;
  /**
   * How readings are taken: a Bluetooth meter when the browser has Web Bluetooth, the simulated
   * device (demos, training, tests), or only entry by remote.
   */
  measuringDevice: MeasuringDeviceChoice;
}

export type MeasuringDeviceChoice = 'bluetooth' | 'simulated' | 'remote';

const STORAGE_KEY = 'dah.settings';

export function loadSettings(surface: Surface, storage: Storage = window.localStorage): Settings {
  const defaults: Settings = {
    locale: 'zh-CN',
    textSize: 'normal',
    voiceGuidance: surface === 'tv',
    precheckPassedAt: null,
    measuringDevice: 'bluetooth',
  };
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as Partial<Settings>;
    return {
      locale: saved.locale === 'en' || saved.locale === 'zh-CN' ? saved.locale : defaults.locale,
      textSize:
        saved.textSize === 'large' || saved.textSize === 'largest' ? saved.textSize : defaults.textSize,
      voiceGuidance: typeof saved.voiceGuidance === 'boolean' ? saved.voiceGuidance : defaults.voiceGuidance,
      precheckPassedAt:
        typeof saved.precheckPassedAt === 'string' && !Number.isNaN(Date.parse(saved.precheckPassedAt))
          ? saved.precheckPassedAt
          : null,
      measuringDevice:
        saved.measuringDevice === 'simulated' || saved.measuringDevice === 'remote'
          ? saved.measuringDevice
          : defaults.measuringDevice,
    };
  } catch {
    return defaults;
  }
}

export function saveSettings(settings: Settings, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(settings));
}

/** A screen asks the app root to change settings with this. */
export class SettingsChangeEvent extends Event {
  static readonly type = 'dah-settings-change';
  constructor(readonly change: Partial<Settings>) {
    super(SettingsChangeEvent.type, { bubbles: true, composed: true });
  }
}
