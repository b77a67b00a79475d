import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

const STORAGE_KEY = 'dah.locale';

// zh-CN is the source language: the default costs no extra request. English loads on demand.
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./generated/locales/${locale}.ts`),
});

export function savedLocale(storage: Storage = window.localStorage): Locale {
  const saved = storage.getItem(STORAGE_KEY);
  return (targetLocales as readonly string[]).includes(saved ?? '') ? (saved as Locale) : sourceLocale;
}

export async function applyLocale(locale: Locale, storage: Storage = window.localStorage): Promise<void> {
  storage.setItem(STORAGE_KEY, locale);
  await setLocale(locale);
  document.documentElement.lang = locale;
}
