import type { SopDocument } from '@alur/schema';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from '../canvas/Canvas.tsx';
import { buildComparisonView } from '../compare/comparison-view.ts';
import { diffDocuments } from '../compare/diff-documents.ts';
import { listDiffItems } from '../compare/diff-items.ts';
import type { VersionView } from '../dialogs/VersionsDialog.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import type { CataloguePosition } from '../model/catalogue.ts';
import { ComparePanel } from '../panels/ComparePanel.tsx';
import { ValidationPanel } from '../panels/ValidationPanel.tsx';
import { EditorProvider, useEditor } from '../store/EditorContext.tsx';
import { buildExportUrl } from './ExportMenu.tsx';

/**
 * A published version on the canvas, in its own read-only store: opened as it was published, or
 * compared with the draft (the draft drawn with additions green, changes amber, removals ghosted).
 */
export default function VersionWorkspace(props: {
  view: VersionView;
  draft: SopDocument;
  catalogue?: CataloguePosition[];
  onBack: () => void;
}) {
  const { view, draft } = props;
  const shown = useMemo(() => {
    if (view.mode === 'open') return { doc: view.document, highlight: null, items: null };
    const diff = diffDocuments(view.document, draft);
    return { ...buildComparisonView(draft, diff), items: listDiffItems(diff, view.document, draft) };
  }, [view, draft]);
  return (
    <EditorProvider document={shown.doc} catalogue={props.catalogue} readOnly highlight={shown.highlight}>
      <ReactFlowProvider>
        <VersionToolbar view={view} onBack={props.onBack} />
        <div className="workspace read-only">
          <main className="canvas-wrap">
            <Canvas />
            <Refusal />
          </main>
          {shown.items && <ComparePanel items={shown.items} />}
          <aside className="sidebar">
            {/* The inspector shows the version's values; a disabled fieldset makes that plain. */}
            <fieldset className="read-only-fields" disabled>
              <Inspector />
            </fieldset>
            {view.mode === 'open' && <ValidationPanel />}
          </aside>
        </div>
      </ReactFlowProvider>
    </EditorProvider>
  );
}

function VersionToolbar({ view, onBack }: { view: VersionView; onBack: () => void }) {
  const { t } = useTranslation();
  const { fitView } = useReactFlow();
  const nama = useEditor((s) => s.doc.identity.nama);
  return (
    <header className="toolbar version-toolbar" role="toolbar" aria-label={t('app.title')}>
      <strong className="sop-name" title={nama}>
        {nama || '—'}
      </strong>
      <span className="version-banner" role="status" data-testid="version-banner">
        {t(view.mode === 'open' ? 'versions.readOnly' : 'versions.comparing', { n: view.number })}
      </span>
      {view.mode === 'compare' && (
        <span className="diff-legend" aria-hidden="true">
          <span className="diff-swatch added">{t('compare.added')}</span>
          <span className="diff-swatch changed">{t('compare.changed')}</span>
          <span className="diff-swatch removed">{t('compare.removed')}</span>
        </span>
      )}
      <span className="spacer" />
      <button type="button" onClick={() => void fitView({ duration: 200 })} title="Shift+F">
        {t('toolbar.fit')}
      </button>
      <a
        className="button"
        href={buildExportUrl({ versionId: view.versionId }, 'pdf-a4')}
        target="_blank"
        rel="noopener"
        data-testid="version-print-a4"
      >
        {t('versions.printA4')}
      </a>
      <a
        className="button"
        href={buildExportUrl({ versionId: view.versionId }, 'pdf-f4')}
        target="_blank"
        rel="noopener"
        data-testid="version-print-f4"
      >
        {t('versions.printF4')}
      </a>
      <button type="button" className="primary" onClick={onBack} data-testid="back-to-draft">
        {t('versions.backToDraft')}
      </button>
    </header>
  );
}

/** Why an edit was refused (here: always because the version is read-only). */
function Refusal() {
  const { i18n } = useTranslation();
  const refusal = useEditor((s) => s.refusal);
  const setRefusal = useEditor((s) => s.setRefusal);
  if (!refusal) return null;
  return (
    <div className="refusal" role="alert" data-testid="connection-refusal">
      {refusal.message[i18n.language === 'en' ? 'en' : 'id']}
      <button type="button" aria-label="×" onClick={() => setRefusal(null)}>
        ×
      </button>
    </div>
  );
}
