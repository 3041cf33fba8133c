/** A determinate bar when the total is known, an animated one while it is still being counted. */
export function ProgressBar({
  done,
  total,
  label,
  testId,
}: {
  done: number;
  total: number;
  label: string;
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
      data-testid={testId}
    >
      <div className="progress-bar__fill" style={{ width: known ? `${percent}%` : undefined }} />
    </div>
  );
}
