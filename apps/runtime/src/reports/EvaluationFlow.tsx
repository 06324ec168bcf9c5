import { Handle, type NodeProps, Position } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { SopNode } from '@alur/schema';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { useFormat } from '../app/format.ts';
import { LaneColumn, ReadOnlyFlow } from '../cases/CaseFlow.tsx';
import { type FlowNode, toFlowElements } from '../lib/case-flow.ts';
import { type Heat, heatOf } from '../lib/heat.ts';

/** A step's figures as the evaluation reports them. */
export interface StepFigures {
  nodeId: string;
  kegiatan: string;
  lane: string;
  standard: string;
  completed: number;
  medianMinutes: number | null;
  onTimeShare: number | null;
  open: number;
  overdue: number;
}

type HeatData = { heat: Heat; figures: StepFigures | null; selected: boolean };

function HeatStep({ data }: NodeProps<Extract<FlowNode<HeatData>, { type: 'step' }>>) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { node, heat, figures, selected } = data as { node: SopNode } & HeatData;
  const label =
    node.type === 'start'
      ? t('case.nodeStart')
      : node.type === 'end'
        ? t('case.nodeEnd')
        : node.type === 'fork' || node.type === 'join'
          ? ''
          : node.kegiatan;
  const share = figures?.onTimeShare;
  return (
    <div
      className={`flow-step flow-${node.type} heat-${heat}${selected ? ' heat-selected' : ''}`}
      title={label}
      data-testid={`heat-node-${node.id}`}
      data-heat={heat}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {node.type === 'decision' ? <span className="diamond" aria-hidden="true" /> : null}
      <span className="flow-label">{label}</span>
      {share !== null && share !== undefined && (
        <span className="heat-figure">
          {t('evaluation.heatShare', { share: fmt.percent(share) })}
          {figures?.medianMinutes !== null && figures?.medianMinutes !== undefined
            ? ` · ${fmt.minutes(figures.medianMinutes)}`
            : ''}
        </span>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { lane: LaneColumn, step: HeatStep };

/**
 * The SOP's flowchart with each step coloured by its on-time share against Mutu Baku (and its
 * median working time), so the bottleneck shows at a glance; clicking a step shows its figures.
 */
export function EvaluationFlow({ versionId, steps }: { versionId: string; steps: StepFigures[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const version = useQuery(trpc.sop.version.queryOptions({ versionId }, { staleTime: Infinity }));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const byNode = useMemo(() => new Map(steps.map((s) => [s.nodeId, s])), [steps]);
  const elements = useMemo(() => {
    if (!version.data) return null;
    return toFlowElements<HeatData>(version.data.document, (node) => {
      const figures = byNode.get(node.id) ?? null;
      return { heat: heatOf(figures?.onTimeShare), figures, selected: node.id === selectedId };
    });
  }, [version.data, byNode, selectedId]);
  if (!elements) return null;
  const selected = selectedId ? byNode.get(selectedId) : undefined;
  return (
    <figure className="case-flow heat-flow" aria-label={t('evaluation.heatTitle')}>
      <div className="flow-canvas" data-testid="eval-heat-map">
        <ReadOnlyFlow
          nodes={elements.nodes}
          edges={elements.edges}
          nodeTypes={nodeTypes}
          onNodeClick={(_, node) => node.type === 'step' && setSelectedId(node.id)}
          fitViewOptions={{ padding: 0.05 }}
        />
      </div>
      <figcaption className="legend">
        <span className="legend-item heat-good">{t('evaluation.heatGood')}</span>
        <span className="legend-item heat-fair">{t('evaluation.heatFair')}</span>
        <span className="legend-item heat-poor">{t('evaluation.heatPoor')}</span>
        <span className="legend-item heat-none">{t('evaluation.heatNone')}</span>
      </figcaption>
      {selected ? (
        <dl className="summary-grid heat-detail" data-testid="eval-heat-detail" aria-live="polite">
          <div className="stat wide">
            <dt>{t('evaluation.kegiatan')}</dt>
            <dd>
              {selected.kegiatan} <span className="muted">({selected.lane})</span>
            </dd>
          </div>
          <div className="stat">
            <dt>{t('evaluation.standard')}</dt>
            <dd>{selected.standard || '—'}</dd>
          </div>
          <div className="stat">
            <dt>{t('evaluation.median')}</dt>
            <dd>{selected.medianMinutes === null ? '—' : fmt.minutes(selected.medianMinutes)}</dd>
          </div>
          <div className="stat">
            <dt>{t('evaluation.onTime')}</dt>
            <dd>{selected.onTimeShare === null ? '—' : fmt.percent(selected.onTimeShare)}</dd>
          </div>
          <div className="stat">
            <dt>{t('evaluation.completed')}</dt>
            <dd>{selected.completed}</dd>
          </div>
          <div className="stat">
            <dt>{t('evaluation.open')}</dt>
            <dd>
              {selected.open}
              {selected.overdue > 0 ? ` (${t('evaluation.overdue')}: ${selected.overdue})` : ''}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('evaluation.heatHint')}</p>
      )}
    </figure>
  );
}
