import { readZoneOffset } from '@alur/schema/core';

/**
 * A period picked as calendar dates (YYYY-MM-DD, both inclusive, either may be empty) as the
 * instants the report takes: midnight at the start of `from` and at the end of `to`, in the
 * agency's zone. Returns null for a reversed period.
 */
export function computePeriod(
  fromDate: string,
  toDate: string,
  zone: string,
  now: Date,
): { from?: string; to?: string } | null {
  if (fromDate && toDate && fromDate > toDate) return null;
  const offset = readZoneOffset(zone, now);
  const out: { from?: string; to?: string } = {};
  if (fromDate) out.from = `${fromDate}T00:00:00${offset}`;
  if (toDate) {
    const next = new Date(`${toDate}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    out.to = `${next.toISOString().slice(0, 10)}T00:00:00${offset}`;
  }
  return out;
}
