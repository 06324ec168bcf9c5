import '@xyflow/react/dist/style.css';
import type { NodeType, SopDocument } from '@alur/schema';
import { computeAgencyToday, DEFAULT_AGENCY_ZONE, LANE_HEADER_HEIGHT } from '@alur/schema/core';
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useCallback, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { Palette } from '../canvas/Palette.tsx';
import { createStepNode } from '../canvas/step-factory.ts';
import type { VersionView } from '../dialogs/VersionsDialog.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import type { CataloguePosition } from '../model/catalogue.ts';
import { refuseDrop } from '../model/connection-rules.ts';
import { computeLaneHeight, ROW_HEIGHT } from '../model/layout.ts';
import { CaseDataPanel } from '../panels/CaseDataPanel.tsx';
import { ImportReportPanel } from '../panels/ImportReportPanel.tsx';
import type { ImportReportView } from '../panels/import-report-view.ts';
import { RowsPanel } from '../panels/RowsPanel.tsx';
import { ValidationPanel } from '../panels/ValidationPanel.tsx';
import type { DraftRepository } from '../persistence/draft-repository.ts';
import { EditorProvider, useEditor, useEditorStore } from '../store/EditorContext.tsx';
import { prepareDuplicate } from './duplicate-sop.ts';
import type { ImportInput } from './import-file.ts';
import { type DialogName, Toolbar } from './Toolbar.tsx';
import { useAutosave } from './useAutosave.ts';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { MIN_EDITOR_WIDTH, useNarrowScreen } from './useNarrowScreen.ts';

// Dialogs are rare: load them on first use to keep the initial bundle lean.
const ShortcutsDialog = lazy(() => import('../dialogs/ShortcutsDialog.tsx'));
const PublishDialog = lazy(() => import('../dialogs/PublishDialog.tsx'));
const VersionsDialog = lazy(() => import('../dialogs/VersionsDialog.tsx'));
const ImportDialog = lazy(() => import('../dialogs/ImportDialog.tsx'));
const ConflictDialog = lazy(() => import('../dialogs/ConflictDialog.tsx'));
const VersionWorkspace = lazy(() => import('./VersionWorkspace.tsx'));

export interface EditorProps {
  sopId: string;
  document: SopDocument;
  baseRevision: number;
  /** True when the document came from this device's unsaved copy. */
  restored: boolean;
  repo: DraftRepository;
  api: ApiClient | null;
  /** The agency's time zone (the browser-only editor has none and uses WIB). */
  timeZone?: string;
  isAdmin: boolean;
  catalogue?: CataloguePosition[];
  importReport?: ImportReportView | null;
  onImport?: (input: ImportInput) => Promise<void>;
  onBack?: () => void;
}

/** One SOP open for editing: its own store, canvas, inspector and panels. */
export function Editor(props: EditorProps) {
  // A phone gets a sentence, not a zero-width canvas; the draft stays untouched until a wider screen.
  if (useNarrowScreen()) return <NarrowScreen onBack={props.onBack} />;
  return (
    <EditorProvider document={props.document} catalogue={props.catalogue}>
      <ReactFlowProvider>
        <Workspace {...props} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}

function Workspace(props: EditorProps) {
  const { t, i18n } = useTranslation();
  const store = useEditorStore();
  const refusal = useEditor((s) => s.refusal);
  const setRefusal = useEditor((s) => s.setRefusal);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [report, setReport] = useState(props.importReport ?? null);
  // A short confirmation after an action that closed its dialog ("Versi 3 diterbitkan.").
  const [notice, setNotice] = useState<string | null>(null);
  // A published version shown instead of the draft; the draft's store and autosave stay alive.
  const [view, setView] = useState<VersionView | null>(null);
  const autosave = useAutosave({
    repo: props.repo,
    sopId: props.sopId,
    baseRevision: props.baseRevision,
    startDirty: props.restored,
  });
  const openHelp = useCallback(() => setDialog('shortcuts'), []);
  useEditorShortcuts(openHelp, view === null);
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const timeZone = props.timeZone ?? DEFAULT_AGENCY_ZONE;
  const api = props.api;
  // The safe way out of a conflict: my edits become a new SOP, then the server's copy is adopted.
  const keepCopy = (client: ApiClient) => async () => {
    const mine = store.getState().doc;
    const copy = prepareDuplicate(t('conflict.copyName', { name: mine.identity.nama || props.sopId }), mine);
    await client.sop.create.mutate({ ...copy, idempotencyKey: crypto.randomUUID() });
    autosave.takeTheirs();
    setNotice(t('conflict.copied', { name: copy.name }));
  };

  // Keyboard/click alternative to dragging: add to the selected (or first) lane, below the rest.
  const addFromPalette = (type: NodeType) => {
    const s = store.getState();
    const laneId = s.selection.laneId ?? s.doc.lanes[0]?.id;
    if (!laneId) {
      s.setRefusal(refuseDrop(s.doc));
      return;
    }
    const y = Math.max(LANE_HEADER_HEIGHT + 24, computeLaneHeight(s.doc) - ROW_HEIGHT * 2);
    const node = createStepNode(type, laneId, y);
    if (s.dispatch({ type: 'node.add', payload: { node } }))
      s.select({ nodeIds: [node.id], edgeIds: [], laneId: null, identity: false });
  };

  const dialogs = (
    <Suspense fallback={null}>
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === 'publish' && props.api && (
        <PublishDialog
          api={props.api}
          sopId={props.sopId}
          isAdmin={props.isAdmin}
          flush={autosave.flush}
          today={computeAgencyToday(new Date(), timeZone)}
          onClose={() => setDialog(null)}
          onPublished={(version) => {
            setDialog(null);
            setNotice(t('publish.done', { n: version.number }));
          }}
        />
      )}
      {dialog === 'versions' && props.api && (
        <VersionsDialog
          api={props.api}
          sopId={props.sopId}
          timeZone={timeZone}
          onView={setView}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'import' && props.onImport && (
        <ImportDialog onSubmit={props.onImport} onClose={() => setDialog(null)} />
      )}
      {autosave.state.conflict && (
        <ConflictDialog
          serverRevision={autosave.state.conflict.serverRevision}
          savedBy={autosave.state.conflict.savedBy}
          savedAt={autosave.state.conflict.savedAt}
          onKeepCopy={api ? keepCopy(api) : undefined}
          onKeepMine={autosave.keepMine}
          onTakeTheirs={autosave.takeTheirs}
        />
      )}
    </Suspense>
  );

  if (view)
    return (
      <div className="editor">
        <Suspense fallback={<div className="center-page">{t('sops.loading')}</div>}>
          <VersionWorkspace
            key={`${view.mode}-${view.versionId}`}
            view={view}
            draft={store.getState().doc}
            catalogue={props.catalogue}
            onBack={() => setView(null)}
          />
        </Suspense>
        {dialogs}
      </div>
    );

  return (
    <div className="editor">
      <Toolbar
        saveStatus={props.api ? autosave.state.status : 'local'}
        online={props.api !== null}
        onOpen={setDialog}
        onBack={props.onBack}
        sopId={props.api ? props.sopId : undefined}
      />
      {props.restored && <div className="banner">{t('save.restored')}</div>}
      {notice && (
        <div className="banner notice" role="status" data-testid="editor-notice">
          {notice}
          <button type="button" aria-label={t('notice.dismiss')} onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <div className="workspace">
        <Palette onAdd={addFromPalette} />
        <main className="canvas-wrap">
          <Canvas />
          {refusal && (
            <div className="refusal" role="alert" data-testid="connection-refusal">
              <strong>{t(isPlacement(refusal.code) ? 'refusal.placeTitle' : 'refusal.title')}:</strong>{' '}
              {refusal.message[lang]}
              <button type="button" aria-label="×" onClick={() => setRefusal(null)}>
                ×
              </button>
            </div>
          )}
        </main>
        {report && <ImportReportPanel report={report} onClose={() => setReport(null)} />}
        <Sidebar />
      </div>
      {dialogs}
    </div>
  );
}

/**
 * The inspector, the row list, the case data and the checks, rendered in a pass of their own right
 * after the first: an SOP opens with its canvas drawn and taking clicks while these are laid out
 * (React yields to input between the pieces of a deferred render). The column keeps its width.
 */
function Sidebar() {
  const shown = useDeferredValue(true, false);
  return (
    <aside className="sidebar">
      {shown && (
        <>
          <Inspector />
          <RowsPanel />
          <CaseDataPanel />
          <ValidationPanel />
        </>
      )}
    </aside>
  );
}

/** Refusals about where a symbol goes, not about an arrow. */
const isPlacement = (code: string) => code === 'NO_LANE' || code === 'OUTSIDE_LANES';

/** What a phone shows instead of the editor. */
function NarrowScreen(props: { onBack?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="center-page">
      <section className="card narrow-screen" role="status" data-testid="narrow-screen">
        <h1>{t('narrow.title')}</h1>
        <p>{t('narrow.body', { width: MIN_EDITOR_WIDTH })}</p>
        <p className="narrow-links">
          {props.onBack && (
            <button type="button" onClick={props.onBack}>
              {t('narrow.back')}
            </button>
          )}
          <a href="/">{t('nav.runtime')}</a>
        </p>
      </section>
    </div>
  );
}
