import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  testId?: string;
  /** Extra controls beside the input, such as a "Choose…" button. */
  after?: ReactNode;
}

export function TextField({ label, value, onChange, hint, testId, after, ...inputProps }: TextFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="field__control">
        <input
          id={id}
          className="text-input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          spellCheck={false}
          data-testid={testId}
          {...inputProps}
        />
        {after}
      </div>
      {hint && <div className="field__hint muted">{hint}</div>}
    </div>
  );
}
