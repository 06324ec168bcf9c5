import {
  Background,
  Controls,
  Handle,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
  type ReactFlowProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseFlowNode, type LaneData, type StepData, toCaseFlowElements } from '../lib/case-flow.ts';
import { computeCasePath } from '../lib/case-path.ts';
import type { CaseDetail } from './case-types.ts';

/** An SOP drawing that can be panned and zoomed but not changed (the case's, the evaluation's). */
export function ReadOnlyFlow<N extends Node>(
  props: Pick<ReactFlowProps<N>, 'nodes' | 'edges' | 'nodeTypes' | 'fitViewOptions' | 'onNodeClick'>,
) {
  return (
    <ReactFlow
      {...props}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      fitView
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/** A lane as a column with its header, shared by the case's and the evaluation's drawings. */
export function LaneColumn({ data }: NodeProps<Extract<CaseFlowNode, { type: 'lane' }>>) {
  return (
    <div className="flow-lane">
      <div className="flow-lane-head">{(data as LaneData).lane.name}</div>
    </div>
  );
}

function StepShape({ data }: NodeProps<Extract<CaseFlowNode, { type: 'step' }>>) {
  const { t } = useTranslation();
  const { node, state } = data as StepData;
  const label =
    node.type === 'start'
      ? t('case.nodeStart')
      : node.type === 'end'
        ? t('case.nodeEnd')
        : node.type === 'fork' || node.type === 'join'
          ? ''
          : node.kegiatan;
  const stateText =
    state === 'current'
      ? t('case.legendCurrent')
      : state === 'done'
        ? t('case.legendDone')
        : t('case.legendTodo');
  return (
    <div
      className={`flow-step flow-${node.type} state-${state}`}
      title={`${node.kegiatan || label} — ${stateText}`}
      data-testid={`flow-node-${node.id}`}
      data-state={state}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {node.type === 'decision' ? <span className="diamond" aria-hidden="true" /> : null}
      <span className="flow-label">{label}</span>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { lane: LaneColumn, step: StepShape };

/** The case's version drawn read-only, with the path taken and the current step(s) highlighted. */
export function CaseFlow({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { nodes, edges } = useMemo(() => {
    const path = computeCasePath(
      detail.document,
      detail.tasks.map((x) => ({ nodeId: x.nodeId, status: x.status, outcome: x.outcome })),
      detail.case.status === 'completed',
    );
    return toCaseFlowElements(detail.document, path);
  }, [detail]);
  // Open on the current step(s) at a readable zoom; the whole drawing is one "fit" click away.
  const current = nodes
    .filter((n) => n.type === 'step' && n.data.state === 'current')
    .map((n) => ({ id: n.id }));
  return (
    <figure className="case-flow" aria-label={t('case.flowchartLabel')}>
      <div className="flow-canvas" data-testid="case-flow">
        <ReadOnlyFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitViewOptions={current.length ? { nodes: current, maxZoom: 0.9, padding: 0.6 } : { padding: 0.05 }}
        />
      </div>
      <figcaption className="legend">
        <span className="legend-item state-done">{t('case.legendDone')}</span>
        <span className="legend-item state-current">{t('case.legendCurrent')}</span>
        <span className="legend-item state-todo">{t('case.legendTodo')}</span>
      </figcaption>
    </figure>
  );
}
