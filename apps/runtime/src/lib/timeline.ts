/** What the timeline needs of an audit event. */
export interface TimelineEventLike {
  id: string | number;
  action: string;
  actorId: string | null;
  at: string;
  data?: unknown;
}

/** One line of the timeline: an event, or the data one person filled in one action. */
export type TimelineItem<E extends TimelineEventLike> =
  | { kind: 'event'; event: E }
  | { kind: 'data'; event: E; labels: string[] };

/** Audit events that are not the case's story: each view of a document writes one. */
const NOT_IN_TIMELINE = new Set(['file.downloaded']);

/**
 * The timeline's lines: `file.downloaded` left out (an inline photo writes one per view; the
 * audit keeps them), and the `data.changed` events of one action (same person, same instant: one
 * per field) folded into one line naming the fields.
 */
export function buildTimeline<E extends TimelineEventLike>(events: readonly E[]): TimelineItem<E>[] {
  const items: TimelineItem<E>[] = [];
  for (const event of events) {
    if (NOT_IN_TIMELINE.has(event.action)) continue;
    if (event.action !== 'data.changed') {
      items.push({ kind: 'event', event });
      continue;
    }
    const data = (event.data ?? {}) as { label?: string; key?: string };
    const label = data.label || data.key || '?';
    const last = items.at(-1);
    if (last?.kind === 'data' && last.event.actorId === event.actorId && last.event.at === event.at) {
      last.labels.push(label);
    } else items.push({ kind: 'data', event, labels: [label] });
  }
  return items;
}
