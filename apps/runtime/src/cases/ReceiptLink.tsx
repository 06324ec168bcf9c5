import { useTranslation } from 'react-i18next';

/**
 * The receipt (tanda terima) of a case: a link to its PDF (printed or reprinted at will, each print
 * audited) and the tracking code the applicant follows the request with on the public page. An
 * older case gets its code on its first print; the case query refetches when the user comes back
 * from the PDF's tab (refetchOnWindowFocus) and shows it then.
 */
export function ReceiptLink({ caseId, trackingCode }: { caseId: string; trackingCode: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="receipt-link" data-testid="receipt">
      <p className="print-links">
        {t('receipt.print')}:{' '}
        {(['a4', 'f4'] as const).map((paper) => (
          <a
            key={paper}
            href={`/api/cases/${caseId}/receipt.pdf?paper=${paper}`}
            target="_blank"
            rel="noopener"
            data-testid={`receipt-print-${paper}`}
          >
            PDF {paper.toUpperCase()}
          </a>
        ))}{' '}
        {trackingCode && (
          <a
            href={`/lacak/${trackingCode}`}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="receipt-track"
          >
            {t('receipt.track')}
          </a>
        )}
      </p>
      <p className="muted small">
        {trackingCode ? (
          <>
            {t('receipt.code')}: <code data-testid="tracking-code">{trackingCode}</code> — {t('receipt.hint')}
          </>
        ) : (
          t('receipt.noCode')
        )}
      </p>
    </div>
  );
}
