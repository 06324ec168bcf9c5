import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format.ts';
import { buildTimeline } from '../lib/timeline.ts';
import type { CaseDetail } from './case-types.ts';

/**
 * The case's audit events, oldest first (document views left out, one action's data changes on
 * one line, see buildTimeline): when, who, what, on which step, and any note. With
 * `limit`, only the newest events show until the user asks for all (long cases on a phone).
 */
export function CaseTimeline({ detail, limit }: { detail: CaseDetail; limit?: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [showAll, setShowAll] = useState(false);
  const kegiatan = new Map(detail.document.nodes.map((n) => [n.id, n.kegiatan]));
  const items = buildTimeline(detail.events);
  const hidden = limit && !showAll ? Math.max(0, items.length - limit) : 0;
  return (
    <>
      {hidden > 0 && (
        <button
          type="button"
          className="btn btn-quiet"
          data-testid="timeline-show-all"
          onClick={() => setShowAll(true)}
        >
          {t('case.showAll', { count: hidden })}
        </button>
      )}
      <ol className="timeline" data-testid="case-timeline">
        {items.slice(hidden).map((item) => {
          const e = item.event;
          const data = (e.data ?? {}) as {
            outcome?: string;
            note?: string | null;
            title?: string;
            label?: string;
            name?: string;
          };
          const step = e.nodeId ? kegiatan.get(e.nodeId) : undefined;
          return (
            <li key={e.id} data-testid="timeline-event" data-action={e.action}>
              <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
              <div>
                <strong>{e.actorName ?? t('events.system')}</strong>{' '}
                {item.kind === 'data'
                  ? t('events.dataFilled', { labels: item.labels.join(', ') })
                  : t(`events.${e.action}`, {
                      defaultValue: e.action,
                      label: data.label ?? '',
                      name: data.name ?? '',
                    })}
                {data.outcome && (
                  <span className={`tag tag-${data.outcome}`}>
                    {data.outcome === 'ya' ? t('common.yes') : t('common.no')}
                  </span>
                )}
                {step && <div className="muted">{step}</div>}
                {data.note && <blockquote>{data.note}</blockquote>}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
