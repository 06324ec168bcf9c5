import {
  type DisplayLanguage,
  formatAgencyDate,
  formatAgencyDateTime,
  formatCalendarDate,
} from '@alur/schema/core';
import { useTranslation } from 'react-i18next';
import { formatMinutes } from '../lib/duration.ts';
import { useMe } from './session.tsx';

/**
 * Formatters in the user's language and the agency's time zone: every date and time a person sees
 * goes through here ("2 Desember 2026 03.33 WIB").
 */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const lang: DisplayLanguage = i18n.language === 'en' ? 'en' : 'id';
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  const zone = me.agency.timeZone;
  const units = { day: t('units.day'), hour: t('units.hour'), minute: t('units.minute') };
  return {
    zone,
    /** An instant (ISO) as date and time in the agency's zone. */
    dateTime: (iso: string | null | undefined) =>
      iso ? formatAgencyDateTime(iso, zone, lang) : t('common.none'),
    /** An instant (ISO) as its date in the agency's zone. */
    date: (iso: string | null | undefined) => (iso ? formatAgencyDate(iso, zone, lang) : t('common.none')),
    /** A calendar date (YYYY-MM-DD: Tanggal Efektif, a holiday), written out. */
    calendarDate: (isoDate: string | null | undefined) =>
      isoDate ? formatCalendarDate(isoDate, lang) : t('common.none'),
    minutes: (m: number | null | undefined) =>
      m === null || m === undefined ? t('common.none') : formatMinutes(m, units),
    percent: (share: number | null | undefined) =>
      share === null || share === undefined
        ? t('common.none')
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
  };
}
