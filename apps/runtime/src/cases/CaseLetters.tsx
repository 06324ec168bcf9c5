import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format.ts';

interface CaseLetter {
  letterId: string;
  number: string;
  fileId: string | null;
  pdfFileId: string | null;
  nodeId: string;
  subject: string;
  createdAt: string;
}

/** The case's numbered letters (`case.get`'s `letters`), each with its downloads. */
export function CaseLetters({ letters }: { letters: CaseLetter[] | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!letters?.length) return null;
  return (
    <section className="card" aria-labelledby="letters-h" data-testid="case-letters">
      <h2 id="letters-h">{t('letters.caseLetters')}</h2>
      <ul>
        {letters.map((l) => (
          <li key={l.letterId}>
            <strong>{l.number}</strong> — {l.subject} · <span className="muted">{fmt.date(l.createdAt)}</span>{' '}
            {l.fileId && <a href={`/api/files/${l.fileId}`}>{t('letters.docx')}</a>}
            {l.pdfFileId && (
              <>
                {' · '}
                <a href={`/api/files/${l.pdfFileId}`}>{t('letters.pdf')}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
