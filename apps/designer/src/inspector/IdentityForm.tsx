import { DEFAULT_RETENTION_YEARS, type Identity } from '@alur/schema';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorContext.tsx';
import { CommitField } from './fields.tsx';
import { ListEditor } from './ListEditor.tsx';

const TEXT_FIELDS = ['nomor', 'nama', 'tanggalPembuatan', 'tanggalRevisi', 'tanggalEfektif'] as const;
const LIST_FIELDS = [
  'dasarHukum',
  'kualifikasiPelaksana',
  'keterkaitan',
  'peralatan',
  'peringatan',
  'pencatatan',
] as const;

/** Retention periods offered (years after a case closes), as agencies' JRA state them. */
const RETENTION_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8, 10, 15, 20, 25, 30, 50, 100];

/** The identity sheet of DOMAIN §2 as a form; every list field is a list editor. */
export function IdentityForm() {
  const { t } = useTranslation();
  const identity = useEditor((s) => s.doc.identity);
  const dispatch = useEditor((s) => s.dispatch);
  const update = (patch: Partial<Identity>) => dispatch({ type: 'identity.update', payload: { patch } });
  return (
    <div className="inspector-body" data-testid="inspector-identity">
      {TEXT_FIELDS.map((f) => (
        <CommitField
          key={f}
          label={t(`identity.${f}`)}
          value={identity[f]}
          testId={`field-identity-${f}`}
          onCommit={(v) => update({ [f]: v })}
        />
      ))}
      <fieldset>
        <legend>{t('identity.disahkanOleh')}</legend>
        {(['jabatan', 'nama', 'nip'] as const).map((f) => (
          <CommitField
            key={f}
            label={t(f === 'nama' ? 'identity.namaPejabat' : `identity.${f}`)}
            value={identity.disahkanOleh[f]}
            testId={`field-identity-signer-${f}`}
            onCommit={(v) => update({ disahkanOleh: { ...identity.disahkanOleh, [f]: v } })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('identity.unit')}</legend>
        {(['nama', 'alamat', 'bidang'] as const).map((f) => (
          <CommitField
            key={f}
            label={t(
              f === 'nama'
                ? 'identity.unitNama'
                : f === 'alamat'
                  ? 'identity.unitAlamat'
                  : 'identity.unitBidang',
            )}
            value={identity.unit[f]}
            testId={`field-identity-unit-${f}`}
            onCommit={(v) => update({ unit: { ...identity.unit, [f]: v } })}
          />
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="identity-retensi">{t('identity.retensiTahun')}</label>
        <select
          id="identity-retensi"
          data-testid="field-identity-retensiTahun"
          value={identity.retensiTahun ?? ''}
          onChange={(e) =>
            update({ retensiTahun: e.target.value === '' ? undefined : Number(e.target.value) })
          }
        >
          <option value="">{t('identity.retensiDefault', { years: DEFAULT_RETENTION_YEARS })}</option>
          {RETENTION_CHOICES.map((years) => (
            <option key={years} value={years}>
              {t('identity.retensiYears', { years })}
            </option>
          ))}
        </select>
        <small className="hint">{t('identity.retensiHint')}</small>
      </div>
      {LIST_FIELDS.map((f) => (
        <ListEditor
          key={f}
          label={t(`identity.${f}`)}
          items={identity[f]}
          testId={`field-identity-${f}`}
          onChange={(items) => update({ [f]: items })}
        />
      ))}
    </div>
  );
}
