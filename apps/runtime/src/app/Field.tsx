import type { ReactNode } from 'react';

/** A form control with its visible label above it (the `.field` layout every form uses). */
export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children, so it sits inside the label
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}
