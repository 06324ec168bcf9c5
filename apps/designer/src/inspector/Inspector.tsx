import type { EdgeLabel } from '@alur/schema';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';
import { IdentityForm } from './IdentityForm.tsx';
import { LaneInspector } from './LaneInspector.tsx';
import { NodeInspector } from './NodeInspector.tsx';

/**
 * Shows the properties of whatever is selected: a symbol, an arrow, a lane, or the identity sheet.
 * It reads the settled document (during a drag, the one at its start): a move changes nothing it
 * shows, and re-rendering it on every frame of a drag cost a row count of the whole SOP each time.
 */
export function Inspector() {
  const { t } = useTranslation();
  const selection = useEditor((s) => s.selection);
  const doc = useEditor(selectSettledDocument);
  const dispatch = useEditor((s) => s.dispatch);
  const node =
    selection.nodeIds.length === 1 ? doc.nodes.find((n) => n.id === selection.nodeIds[0]) : undefined;
  const edge =
    selection.nodeIds.length === 0 && selection.edgeIds.length === 1
      ? doc.edges.find((e) => e.id === selection.edgeIds[0])
      : undefined;
  const lane = selection.laneId ? doc.lanes.find((l) => l.id === selection.laneId) : undefined;
  let body: React.ReactNode;
  let title = t('inspector.title');
  if (selection.identity) {
    title = t('identity.title');
    body = <IdentityForm />;
  } else if (node) {
    title = t(`palette.${node.type}`);
    body = <NodeInspector key={node.id} node={node} />;
  } else if (lane) {
    title = lane.name;
    body = <LaneInspector key={lane.id} lane={lane} />;
  } else if (edge) {
    const fromDecision = doc.nodes.find((n) => n.id === edge.source)?.type === 'decision';
    title = t('inspector.edge');
    body = (
      <div className="inspector-body" data-testid="inspector-edge">
        {fromDecision && (
          <label>
            {t('inspector.edgeLabel')}
            <select
              value={edge.label ?? ''}
              data-testid="field-edge-label"
              onChange={(e) =>
                dispatch({
                  type: 'edge.relabel',
                  payload: { edgeId: edge.id, label: (e.target.value || null) as EdgeLabel | null },
                })
              }
            >
              <option value="">{t('inspector.noLabel')}</option>
              <option value="ya">ya</option>
              <option value="tidak">tidak</option>
            </select>
          </label>
        )}
        <div className="inspector-actions">
          <button
            type="button"
            className="danger"
            onClick={() => dispatch({ type: 'edge.remove', payload: { edgeId: edge.id } })}
          >
            {t('inspector.remove')}
          </button>
        </div>
      </div>
    );
  } else if (selection.nodeIds.length + selection.edgeIds.length > 1) {
    body = (
      <p className="muted">
        {t('inspector.multi', { count: selection.nodeIds.length + selection.edgeIds.length })}
      </p>
    );
  } else {
    body = <p className="muted">{t('inspector.empty')}</p>;
  }
  return (
    <section className="inspector" aria-label={t('inspector.title')} data-testid="inspector">
      <h2>{title}</h2>
      {body}
    </section>
  );
}
