/** A group of checkboxes over a fixed list of options (permissions, positions). */
export function CheckList({
  legend,
  options,
  value,
  onChange,
  testId,
}: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (next: string[]) => void;
  testId?: string;
}) {
  return (
    <fieldset className="check-group" data-testid={testId}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={value.includes(o.value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
