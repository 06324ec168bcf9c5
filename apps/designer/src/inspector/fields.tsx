import { useEffect, useId, useState } from 'react';

/**
 * A text field that commits on blur or Enter, so typing a sentence is one undo step rather than
 * one per keystroke. It follows the document when the value changes underneath (undo, redo).
 */
export function CommitField(props: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    if (draft !== props.value) props.onCommit(draft);
  };
  const common = {
    id,
    value: draft,
    placeholder: props.placeholder,
    'data-testid': props.testId,
    onBlur: commit,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea
          {...common}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
          }}
        />
      ) : (
        <input
          {...common}
          type="text"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
    </div>
  );
}
