import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import { Field } from './Field.tsx';

/** A labelled select over the agency's SOPs with an "all SOPs" choice (value ''), for filter bars. */
export function SopFilter({
  label,
  allLabel,
  testId,
  value,
  onChange,
}: {
  label: string;
  allLabel: string;
  testId: string;
  value: string;
  onChange: (sopId: string) => void;
}) {
  const trpc = useTRPC();
  const sops = useQuery(trpc.sop.list.queryOptions());
  return (
    <Field label={label}>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {(sops.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
