import { readApiError } from '@alur/schema/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiClient, useTRPC } from '../api/client.ts';
import { toCatalogue } from '../model/catalogue.ts';
import { applyCommand } from '../model/commands.ts';
import { createSampleDocument } from '../model/fixtures.ts';
import { layoutDocument } from '../model/layout.ts';
import type { ImportReportView } from '../panels/import-report-view.ts';
import { createBrowserDraftRepository, type DraftRepository } from '../persistence/draft-repository.ts';
import { createTrpcDraftRepository } from '../persistence/trpc-repository.ts';
import { Editor } from './Editor.tsx';
import type { ImportInput } from './import-file.ts';
import { type OpenedDraft, openDraft } from './open-draft.ts';
import { POSITIONS_STALE_MS } from './positions.ts';
import { countSameName } from './sop-filter.ts';

/** Imports a file or table as a new SOP (laid out unless it is Alur's own JSON) with its report. */
async function importAsNewSop(
  api: ApiClient,
  input: ImportInput,
): Promise<{ sopId: string; report: ImportReportView }> {
  const r = await api.sop.import.mutate(input).catch((err: unknown) => {
    throw new Error(readApiError(err).message.id);
  });
  const first = r.results[0]!;
  // An Alur JSON export keeps its own drawing; tables and other tools' files are laid out.
  const document =
    input.format === 'json' ? first.document : applyCommand(first.document, layoutDocument(first.document));
  const name = first.report.name || 'SOP impor';
  // Created all the same (the import is not lost), but the report says the name is taken.
  const sameNameCount = countSameName(await api.sop.list.query(), name);
  const created = await api.sop.create.mutate({ name, document });
  return { sopId: created.sopId, report: { ...first.report, sameNameCount } };
}

function useOpenedDraft(repo: DraftRepository, sopId: string) {
  const [state, setState] = useState<{ draft?: OpenedDraft; error?: string }>({});
  useEffect(() => {
    let live = true;
    openDraft(repo, window.localStorage, sopId).then(
      (draft) => live && setState({ draft }),
      (err: unknown) => live && setState({ error: readApiError(err).message.id }),
    );
    return () => {
      live = false;
    };
  }, [repo, sopId]);
  return state;
}

/** A server SOP's draft in the editor, with the agency's position catalogue. */
export function ServerEditor(props: {
  api: ApiClient;
  sopId: string;
  /** The agency's time zone: dates are shown and "today" is taken there. */
  timeZone: string;
  isAdmin: boolean;
  importReport: ImportReportView | null;
  onBack: () => void;
  onImported: (sopId: string, report: ImportReportView) => void;
}) {
  const { t } = useTranslation();
  const repo = useMemo(() => createTrpcDraftRepository(props.api), [props.api]);
  const { draft, error } = useOpenedDraft(repo, props.sopId);
  // Lanes bind to the agency's own positions; a failed load leaves keys shown as they are.
  const trpc = useTRPC();
  const positions = useQuery({ ...trpc.admin.positions.list.queryOptions(), staleTime: POSITIONS_STALE_MS });
  const catalogue = useMemo(() => toCatalogue(positions.data ?? []), [positions.data]);
  if (error) return <div className="center-page field-error">{t('error.generic', { message: error })}</div>;
  if (!draft || positions.isPending) return <div className="center-page">{t('sops.loading')}</div>;
  return (
    <Editor
      sopId={props.sopId}
      catalogue={catalogue}
      document={draft.document}
      baseRevision={draft.baseRevision}
      restored={draft.restored}
      repo={repo}
      api={props.api}
      timeZone={props.timeZone}
      isAdmin={props.isAdmin}
      importReport={props.importReport}
      onImport={async (input) => {
        const { sopId, report } = await importAsNewSop(props.api, input);
        props.onImported(sopId, report);
      }}
      onBack={props.onBack}
    />
  );
}

/** The browser-only editor (`#/local`). */
export function LocalEditor({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const repo = useMemo(() => createBrowserDraftRepository(window.localStorage, createSampleDocument), []);
  const { draft, error } = useOpenedDraft(repo, 'local');
  if (error) return <div className="center-page field-error">{error}</div>;
  if (!draft) return <div className="center-page">{t('sops.loading')}</div>;
  return (
    <Editor
      sopId="local"
      document={draft.document}
      baseRevision={draft.baseRevision}
      restored={draft.restored}
      repo={repo}
      api={null}
      isAdmin={false}
      onBack={onBack}
    />
  );
}
