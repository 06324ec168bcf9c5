/** The UTC offset of `zone` at `at`, as "+07:00". */
export function readZoneOffset(zone: string, at: Date): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

/** The calendar date (YYYY-MM-DD) of `at` in `zone`. */
export function readZoneDate(zone: string, at: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * Today in the agency's zone as a half-open range of ISO instants with offset, for the inbox's
 * "due today" filter. Indonesian zones have no daylight saving, so today's offset holds all day.
 */
export function computeTodayRange(zone: string, now: Date): { from: string; to: string } {
  const date = readZoneDate(zone, now);
  const offset = readZoneOffset(zone, now);
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { from: `${date}T00:00:00${offset}`, to: `${next.toISOString().slice(0, 10)}T00:00:00${offset}` };
}
