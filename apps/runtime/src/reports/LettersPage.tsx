import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LetterRegister } from '../admin/LetterRegister.tsx';
import { useTRPC } from '../api/trpc.ts';

/**
 * Surat keluar: the agency's buku agenda of outgoing letters, for leaders and administrators (the
 * numbering and templates stay under Administrasi › Surat).
 */
export default function LettersPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const sops = useQuery(trpc.sop.list.queryOptions());
  return (
    <main id="main" className="page" tabIndex={-1}>
      <h1>{t('letters.title')}</h1>
      <LetterRegister sops={sops.data ?? []} />
    </main>
  );
}
