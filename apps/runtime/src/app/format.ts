import { useTranslation } from 'react-i18next';
import { formatMinutes } from '../lib/duration.ts';
import { useMe } from './session.tsx';

/** Formatters in the user's language and the agency's time zone. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const zone = me.agency.timeZone;
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const date = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium' });
  const units = { day: t('units.day'), hour: t('units.hour'), minute: t('units.minute') };
  return {
    zone,
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : t('common.none')),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : t('common.none')),
    minutes: (m: number | null | undefined) =>
      m === null || m === undefined ? t('common.none') : formatMinutes(m, units),
    percent: (share: number | null | undefined) =>
      share === null || share === undefined
        ? t('common.none')
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
  };
}
