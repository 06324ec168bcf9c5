import { computeAgencyToday } from '@alur/schema/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ActionsHeader, type Column, DataTable } from '../app/DataTable.tsx';
import { Field } from '../app/Field.tsx';
import { ErrorMessage, Loading, QueryError } from '../app/feedback.tsx';
import { useFormat } from '../app/format.ts';

const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Hours = Record<(typeof WEEKDAYS)[number], { start: string; end: string } | null>;
type HolidayKind = 'cuti_bersama' | 'holiday' | 'removed';

/** A time input named for screen readers only (the row and column say it on screen). */
function TimeInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <label>
      <span className="sr-only">{label}</span>
      <input type="time" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** The agency's working calendar: time zone, office hours per weekday, holidays and cuti bersama. */
export function CalendarPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const thisYear = Number(computeAgencyToday(new Date(), fmt.zone).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const calendar = useQuery(trpc.admin.calendar.get.queryOptions({ year }));
  const [zone, setZone] = useState('');
  const [hours, setHours] = useState<Hours | null>(null);
  const [holiday, setHoliday] = useState({ date: '', name: '', kind: 'cuti_bersama' as HolidayKind });
  useEffect(() => {
    if (!calendar.data) return;
    setZone(calendar.data.timeZone);
    setHours(calendar.data.hours as Hours);
  }, [calendar.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.calendar.pathKey() });
  const update = useMutation(
    trpc.admin.calendar.update.mutationOptions({
      onSuccess: () => {
        void refresh();
        // Every date on screen is shown in the agency's zone, which `auth.me` carries.
        void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );
  const setDay = useMutation(
    trpc.admin.calendar.setHoliday.mutationOptions({
      onSuccess: () => {
        setHoliday({ date: '', name: '', kind: 'cuti_bersama' });
        void refresh();
      },
    }),
  );
  const removeEntry = useMutation(trpc.admin.calendar.removeEntry.mutationOptions({ onSuccess: refresh }));
  // The error first: when the query fails, `hours` is never set and "loading" would never end.
  if (calendar.error) return <QueryError error={calendar.error} />;
  if (calendar.isPending || !hours) return <Loading />;
  const holidayColumns: Column<(typeof calendar.data.holidays)[number]>[] = [
    { id: 'date', header: t('admin.date'), cell: (h) => fmt.calendarDate(h.date) },
    { id: 'name', header: t('admin.name'), cell: (h) => h.name },
    {
      id: 'source',
      header: t('admin.source'),
      cell: (h) => t(`admin.source_${h.source}`, { defaultValue: h.source }),
    },
    {
      id: 'edit',
      header: <ActionsHeader label={t('admin.edit')} />,
      cell: (h) =>
        h.kind !== 'library' && (
          <button
            type="button"
            className="btn btn-quiet"
            disabled={removeEntry.isPending}
            onClick={() => removeEntry.mutate({ date: h.date })}
          >
            {t('admin.removeEntry')}
          </button>
        ),
    },
  ];
  const saveHours = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ timeZone: zone, hours });
  };
  const addHoliday = (e: FormEvent) => {
    e.preventDefault();
    setDay.mutate(holiday);
  };
  return (
    <>
      <form className="card" onSubmit={saveHours} aria-labelledby="hours-h">
        <h2 id="hours-h">{t('admin.hours')}</h2>
        <Field label={t('admin.timeZone')}>
          <select data-testid="cal-zone" value={zone} onChange={(e) => setZone(e.target.value)}>
            {[...new Set([...ZONES, zone])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
        <div className="table-wrap">
          <table className="data-table hours-table">
            <tbody>
              {WEEKDAYS.map((d) => {
                const h = hours[d];
                return (
                  <tr key={d}>
                    <th scope="row">{t(`admin.weekday${d}`)}</th>
                    <td>
                      <label className="toggle">
                        <input
                          type="checkbox"
                          checked={h === null}
                          onChange={(e) =>
                            setHours({
                              ...hours,
                              [d]: e.target.checked ? null : { start: '07:30', end: '16:00' },
                            })
                          }
                        />
                        {t('admin.closed')}
                      </label>
                    </td>
                    <td>
                      {h && (
                        <TimeInput
                          label={`${t(`admin.weekday${d}`)} ${t('admin.start')}`}
                          value={h.start}
                          onChange={(start) => setHours({ ...hours, [d]: { ...h, start } })}
                        />
                      )}
                    </td>
                    <td>
                      {h && (
                        <TimeInput
                          label={`${t(`admin.weekday${d}`)} ${t('admin.end')}`}
                          value={h.end}
                          onChange={(end) => setHours({ ...hours, [d]: { ...h, end } })}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {update.error && <ErrorMessage error={update.error} />}
        {update.isSuccess && <p role="status">{t('common.saved')}</p>}
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
      </form>

      <section className="card" aria-labelledby="hol-h">
        <div className="page-head">
          <h2 id="hol-h">{t('admin.holidays')}</h2>
          <label className="field inline">
            <span className="sr-only">{t('admin.year')}</span>
            <select data-testid="cal-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="table-wrap">
          <DataTable
            columns={holidayColumns}
            rows={calendar.data.holidays}
            rowKey={(h) => h.date}
            testId="cal-holidays"
          />
        </div>
        {removeEntry.error && <ErrorMessage error={removeEntry.error} />}
        <form onSubmit={addHoliday} aria-label={t('admin.addHoliday')}>
          <h3>{t('admin.addHoliday')}</h3>
          <div className="form-grid">
            <Field label={t('admin.date')}>
              <input
                type="date"
                value={holiday.date}
                onChange={(e) => setHoliday({ ...holiday, date: e.target.value })}
                required
              />
            </Field>
            <Field label={t('admin.name')}>
              <input
                value={holiday.name}
                onChange={(e) => setHoliday({ ...holiday, name: e.target.value })}
                required
              />
            </Field>
            <Field label={t('admin.kind')}>
              <select
                value={holiday.kind}
                onChange={(e) => setHoliday({ ...holiday, kind: e.target.value as HolidayKind })}
              >
                {(['cuti_bersama', 'holiday', 'removed'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`admin.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {setDay.error && <ErrorMessage error={setDay.error} />}
          <button type="submit" className="btn btn-primary" disabled={setDay.isPending}>
            {t('common.save')}
          </button>
        </form>
      </section>
    </>
  );
}
