import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { id } from './id.ts';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'alur.runtime.lang';

/** The saved language, else Indonesian (the app's first language). */
function readSavedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** Switches the language, remembers it and updates `<html lang>` for screen readers. */
export function changeLanguage(lang: Language) {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function initI18n() {
  const lng = readSavedLanguage();
  document.documentElement.lang = lng;
  return i18next.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng,
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
