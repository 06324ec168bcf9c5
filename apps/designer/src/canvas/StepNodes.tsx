import { formatWaktu } from '@alur/schema';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepFlowNode } from '../model/flow-elements.ts';

/**
 * The top dot takes arrows in, the bottom dot sends them out. Behind them a second target handle
 * covers the whole symbol; it catches pointers only while an arrow is being drawn (`.connecting`
 * on the canvas), so an arrow dropped anywhere on the body connects, and dragging the symbol
 * itself still moves it. Arrows keep ending at the top: they name no handle, so React Flow takes
 * the first target, the dot.
 */
function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <Handle
        type="target"
        position={Position.Top}
        id="body"
        className="body-handle"
        isConnectableStart={false}
      />
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

/** The step's whole text, shown over the drawing while the pointer rests on the symbol. */
function FullText({ text }: { text: string }) {
  if (!text) return null;
  return (
    <span className="node-full-text" aria-hidden="true">
      {text}
    </span>
  );
}

/** Mulai / Selesai: the rounded capsule of the printed table. */
export const TerminatorNode = memo(function TerminatorNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { t } = useTranslation();
  const { node } = data;
  return (
    <div
      className={`sop-node terminator${selected ? ' selected' : ''}`}
      data-testid={`node-${node.id}`}
      title={node.type === 'start' ? t('palette.start') : t('palette.end')}
    >
      {node.type !== 'start' && <Handle type="target" position={Position.Top} />}
      {node.type !== 'start' && (
        <Handle
          type="target"
          position={Position.Top}
          id="body"
          className="body-handle"
          isConnectableStart={false}
        />
      )}
      {node.type === 'start' ? t('palette.start') : t('palette.end')}
      {node.type === 'start' && <Handle type="source" position={Position.Bottom} />}
    </div>
  );
});

/** Proses: an activity rectangle with its row number and waktu. */
export const ActivityNode = memo(function ActivityNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { node, row } = data;
  return (
    <div
      className={`sop-node activity${selected ? ' selected' : ''}`}
      data-testid={`node-${node.id}`}
      title={node.kegiatan}
    >
      <Handles />
      {row !== null && <span className="row-badge">{row}</span>}
      <span className="node-text">{node.kegiatan || '…'}</span>
      <FullText text={node.kegiatan} />
      {node.mutuBaku.waktu && <span className="waktu-badge">{formatWaktu(node.mutuBaku.waktu)}</span>}
    </div>
  );
});

/** Keputusan: a diamond whose two exits carry ya / tidak. */
export const DecisionNode = memo(function DecisionNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { node, row } = data;
  return (
    <div
      className={`sop-node decision${selected ? ' selected' : ''}`}
      data-testid={`node-${node.id}`}
      title={node.kegiatan}
    >
      <div className="diamond" />
      <Handles />
      {row !== null && <span className="row-badge">{row}</span>}
      <span className="node-text">{node.kegiatan || '?'}</span>
      <FullText text={node.kegiatan} />
      {node.mutuBaku.waktu && <span className="waktu-badge">{formatWaktu(node.mutuBaku.waktu)}</span>}
    </div>
  );
});

/** Fork / join: the bar where parallel branches split or meet. */
export const BarNode = memo(function BarNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { t } = useTranslation();
  return (
    <div
      className={`sop-node bar${selected ? ' selected' : ''}`}
      data-testid={`node-${data.node.id}`}
      title={t(`palette.${data.node.type as 'fork' | 'join'}`)}
    >
      <Handles />
    </div>
  );
});
