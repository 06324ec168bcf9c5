import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/index.ts';
import { createId } from '../model/ids.ts';
import { layoutDocument } from '../model/layout.ts';
import { selectOnly } from '../model/selection.ts';
import type { SaveStatus } from '../persistence/autosave.ts';
import { useEditor, useEditorStore, useHistoryState } from '../store/EditorContext.tsx';
import { ExportMenu } from './ExportMenu.tsx';

export type DialogName = 'shortcuts' | 'publish' | 'versions' | 'import';

/** The editor's top bar: name, save status, history, layout, lanes, dialogs, language. */
export function Toolbar(props: {
  saveStatus: SaveStatus | 'local';
  online: boolean;
  onOpen: (d: DialogName) => void;
  onBack?: () => void;
  /** Set when the draft lives on the server: enables printing and export. */
  sopId?: string;
}) {
  const { t, i18n } = useTranslation();
  const { fitView } = useReactFlow();
  const store = useEditorStore();
  const dispatch = useEditor((s) => s.dispatch);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const select = useEditor((s) => s.select);
  const nama = useEditor((s) => s.doc.identity.nama);
  const laneCount = useEditor((s) => s.doc.lanes.length);
  const { canUndo, canRedo } = useHistoryState();
  const addLane = () => {
    const id = createId('lane');
    dispatch({
      type: 'lane.add',
      payload: { lane: { id, name: `${t('lane.newName')} ${laneCount + 1}`, kind: 'unbound' } },
    });
    select(selectOnly('lane', id));
  };
  return (
    <header className="toolbar" role="toolbar" aria-label={t('app.title')}>
      {props.onBack && (
        <button type="button" onClick={props.onBack} title={t('toolbar.open')} aria-label={t('toolbar.open')}>
          ☰
        </button>
      )}
      <strong className="sop-name" title={nama}>
        {nama || '—'}
      </strong>
      <span
        className={`save-status ${props.saveStatus}`}
        data-testid="save-status"
        role="status"
        aria-live="polite"
      >
        {t(`save.${props.saveStatus}`)}
      </span>
      <span className="spacer" />
      <button type="button" onClick={undo} disabled={!canUndo} title="Ctrl+Z" data-testid="undo">
        {t('toolbar.undo')}
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} title="Ctrl+Shift+Z" data-testid="redo">
        {t('toolbar.redo')}
      </button>
      <button
        type="button"
        onClick={() => dispatch(layoutDocument(store.getState().doc))}
        title="Shift+R"
        data-testid="layout"
      >
        {t('toolbar.layout')}
      </button>
      <button type="button" onClick={() => void fitView({ duration: 200 })} title="Shift+F">
        {t('toolbar.fit')}
      </button>
      <button type="button" onClick={addLane} data-testid="add-lane">
        {t('toolbar.addLane')}
      </button>
      <button type="button" onClick={() => select(selectOnly('document'))} data-testid="open-identity">
        {t('toolbar.identity')}
      </button>
      <button
        type="button"
        onClick={() => props.onOpen('import')}
        data-testid="open-import"
        disabled={!props.online}
      >
        {t('toolbar.import')}
      </button>
      <button type="button" onClick={() => props.onOpen('versions')} disabled={!props.online}>
        {t('toolbar.versions')}
      </button>
      <button
        type="button"
        onClick={() => props.onOpen('publish')}
        disabled={!props.online}
        data-testid="open-publish"
      >
        {t('toolbar.publish')}
      </button>
      {props.sopId && <ExportMenu sopId={props.sopId} disabled={!props.online} />}
      <button
        type="button"
        onClick={() => props.onOpen('shortcuts')}
        title="?"
        aria-label={t('toolbar.shortcuts')}
      >
        ?
      </button>
      {props.online && (
        <a className="toolbar-link" href="/" title={t('nav.runtime')} data-testid="to-runtime">
          {t('nav.runtimeShort')}
        </a>
      )}
      <select
        aria-label={t('app.language')}
        value={i18n.language}
        onChange={(e) => changeLanguage(e.target.value as 'id' | 'en')}
        data-testid="language"
      >
        <option value="id">ID</option>
        <option value="en">EN</option>
      </select>
    </header>
  );
}
