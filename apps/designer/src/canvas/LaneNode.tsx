import type { Lane } from '@alur/schema';
import { LANE_HEADER_HEIGHT, LANE_WIDTH } from '@alur/schema/core';
import { type NodeProps, useViewport } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { findPositionLabel } from '../model/catalogue.ts';
import type { LaneFlowNode } from '../model/flow-elements.ts';
import { selectOnly } from '../model/selection.ts';
import { useCatalogue, useEditor, useHighlight, useReadOnly } from '../store/EditorContext.tsx';
import { computeHeaderOffset } from './opening-viewport.ts';

/** A swimlane column; its header is drawn by `LaneHeaders`, which stays in view while scrolling. */
export const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneFlowNode>) {
  const { lane, selected } = data;
  return <div className={`lane${selected ? ' selected' : ''}`} data-testid={`lane-${lane.id}`} />;
});

/**
 * The lane headers as one strip over the canvas, following the viewport's x and zoom. Its y
 * follows the lanes' top until that scrolls out of view; then it stays at the top of the canvas,
 * so a long SOP (LAKIP's 12 rows) still says whose column is whose. Clicking a header selects
 * the lane.
 */
export function LaneHeaders() {
  const { x, y, zoom } = useViewport();
  const lanes = useEditor((s) => s.doc.lanes);
  const selectedLane = useEditor((s) => s.selection.laneId);
  const highlight = useHighlight();
  if (lanes.length === 0) return null;
  return (
    <div
      className="lane-headers"
      data-testid="lane-headers"
      style={{
        width: lanes.length * LANE_WIDTH,
        height: LANE_HEADER_HEIGHT,
        transform: `translate(${x}px, ${computeHeaderOffset(y)}px) scale(${zoom})`,
      }}
    >
      {lanes.map((lane, index) => (
        <LaneHeader
          key={lane.id}
          lane={lane}
          index={index}
          laneCount={lanes.length}
          selected={selectedLane === lane.id}
          diff={highlight?.lanes.get(lane.id)}
        />
      ))}
    </div>
  );
}

const LaneHeader = memo(function LaneHeader(props: {
  lane: Lane;
  index: number;
  laneCount: number;
  selected: boolean;
  diff: string | undefined;
}) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const readOnly = useReadOnly();
  const select = useEditor((s) => s.select);
  const dispatch = useEditor((s) => s.dispatch);
  const { lane, index, laneCount } = props;
  const binding =
    lane.kind === 'position'
      ? findPositionLabel(catalogue, lane.positionKey)
      : lane.kind === 'external'
        ? t('lane.external', { by: findPositionLabel(catalogue, lane.recordedBy) })
        : t('lane.unbound');
  const className = ['lane-header', props.selected ? 'selected' : '', props.diff ? `diff-${props.diff}` : '']
    .join(' ')
    .trim();
  return (
    <div className={className} data-testid={`lane-header-${lane.id}`} style={{ width: LANE_WIDTH }}>
      <button
        type="button"
        className={`lane-title${lane.kind === 'unbound' ? ' unbound' : ''}`}
        onClick={() => select(selectOnly('lane', lane.id))}
        aria-label={`${lane.name} — ${binding}`}
        title={`${lane.name} — ${binding}`}
      >
        <strong>{lane.name || '…'}</strong>
        <small>{binding}</small>
      </button>
      {!readOnly && (
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
      )}
    </div>
  );
});
