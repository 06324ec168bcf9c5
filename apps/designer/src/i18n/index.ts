import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { id } from './id.ts';

const STORAGE_KEY = 'alur.lang';

/** Starts i18next with Indonesian first; the English switch is remembered on this device. */
export function initI18n(): typeof i18next {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  void i18next.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: saved === 'en' ? 'en' : 'id',
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
  });
  return i18next;
}

/** Switches the UI language and remembers the choice. */
export function changeLanguage(lng: 'id' | 'en'): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}
