import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { findPositionLabel } from '../model/catalogue.ts';
import type { LaneFlowNode } from '../model/flow-elements.ts';
import { selectOnly } from '../model/selection.ts';
import { useCatalogue, useEditor } from '../store/EditorContext.tsx';

/** A swimlane column with its header; clicking the header selects the lane. */
export const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneFlowNode>) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const select = useEditor((s) => s.select);
  const dispatch = useEditor((s) => s.dispatch);
  const { lane, index, laneCount, selected } = data;
  const binding =
    lane.kind === 'position'
      ? findPositionLabel(catalogue, lane.positionKey)
      : lane.kind === 'external'
        ? t('lane.external', { by: findPositionLabel(catalogue, lane.recordedBy) })
        : t('lane.unbound');
  return (
    <div className={`lane${selected ? ' selected' : ''}`} data-testid={`lane-${lane.id}`}>
      <div className="lane-header nodrag">
        <button
          type="button"
          className={`lane-title${lane.kind === 'unbound' ? ' unbound' : ''}`}
          onClick={() => select(selectOnly('lane', lane.id))}
          aria-label={`${lane.name} — ${binding}`}
        >
          <strong>{lane.name || '…'}</strong>
          <small>{binding}</small>
        </button>
        <div className="lane-tools">
          <button
            type="button"
            aria-label={t('lane.moveLeft')}
            title={t('lane.moveLeft')}
            disabled={index === 0}
            onClick={() => dispatch({ type: 'lane.move', payload: { laneId: lane.id, toIndex: index - 1 } })}
          >
            ‹
          </button>
          <button
            type="button"
            aria-label={t('lane.moveRight')}
            title={t('lane.moveRight')}
            disabled={index === laneCount - 1}
            onClick={() => dispatch({ type: 'lane.move', payload: { laneId: lane.id, toIndex: index + 1 } })}
          >
            ›
          </button>
        </div>
      </div>
    </div>
  );
});
