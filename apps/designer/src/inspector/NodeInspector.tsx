import { isStepNode, NODE_TYPES, type NodeType, type SopNode } from '@alur/schema';
import { useTranslation } from 'react-i18next';
import { createSwapLabelsCommand, type NodePatch } from '../model/commands.ts';
import { numberRowsOnce } from '../model/flow-elements.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';
import { FormSection } from './FormSection.tsx';
import { CommitField } from './fields.tsx';
import { ListEditor } from './ListEditor.tsx';
import { WaktuField } from './WaktuField.tsx';

/** Properties of one symbol: Kegiatan and Mutu Baku for steps, the type for all. */
export function NodeInspector({ node }: { node: SopNode }) {
  const { t } = useTranslation();
  const dispatch = useEditor((s) => s.dispatch);
  const doc = useEditor(selectSettledDocument);
  const row = numberRowsOnce(doc).get(node.id);
  const update = (patch: NodePatch) => dispatch({ type: 'node.update', payload: { nodeId: node.id, patch } });
  return (
    <div className="inspector-body" data-testid="inspector-node">
      <div className="inspector-head">
        <label>
          {t('inspector.type')}
          <select
            value={node.type}
            data-testid="field-type"
            onChange={(e) => update({ type: e.target.value as NodeType })}
          >
            {NODE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`palette.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {row !== undefined && <span className="muted">{t('inspector.row', { row })}</span>}
      </div>
      {isStepNode(node) && (
        <>
          <CommitField
            label={t('inspector.kegiatan')}
            value={node.kegiatan}
            multiline
            testId="field-kegiatan"
            onCommit={(kegiatan) => update({ kegiatan })}
          />
          <ListEditor
            label={t('inspector.kelengkapan')}
            items={node.mutuBaku.kelengkapan}
            testId="field-kelengkapan"
            onChange={(kelengkapan) => update({ mutuBaku: { kelengkapan } })}
          />
          <WaktuField value={node.mutuBaku.waktu} onCommit={(waktu) => update({ mutuBaku: { waktu } })} />
          <CommitField
            label={t('inspector.output')}
            value={node.mutuBaku.output}
            testId="field-output"
            onCommit={(output) => update({ mutuBaku: { output } })}
          />
          <CommitField
            label={t('inspector.keterangan')}
            value={node.keterangan}
            multiline
            testId="field-keterangan"
            onCommit={(keterangan) => update({ keterangan })}
          />
        </>
      )}
      {(isStepNode(node) || node.type === 'start') && <FormSection node={node} />}
      <div className="inspector-actions">
        {node.type === 'decision' && (
          <button
            type="button"
            onClick={() => dispatch(createSwapLabelsCommand(doc, node.id))}
            data-testid="swap-labels"
          >
            {t('inspector.swapLabels')}
          </button>
        )}
        <button
          type="button"
          className="danger"
          data-testid="node-remove"
          onClick={() => dispatch({ type: 'node.remove', payload: { nodeId: node.id } })}
        >
          {t('inspector.remove')}
        </button>
      </div>
    </div>
  );
}
