/** A determinate bar when the total is known, an animated one while it is still being counted. */
export function ProgressBar({
  done,
  total,
  label,
  valueText,
  testId,
}: {
  done: number;
  total: number;
  label: string;
  /** What a screen reader says for the value ("1,200 of 10,000 photos"), when a bare number would not do. */
  valueText?: string;
  testId?: string;
}) {
  const known = total > 0;
  const percent = known ? Math.min(100, (done / total) * 100) : 0;
  return (
    <div
      className={`progress-bar${known ? '' : ' progress-bar--indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? total : undefined}
      aria-valuenow={known ? done : undefined}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      <div className="progress-bar__fill" style={{ width: known ? `${percent}%` : undefined }} />
    </div>
  );
}
