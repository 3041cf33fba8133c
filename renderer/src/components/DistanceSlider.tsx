import { useId } from 'react';

export interface DistanceSliderProps {
  label: string;
  value: number;
  max: number;
  step: number;
  format: (value: number) => string;
  onChange: (value: number) => void;
  hint?: string;
  sliderTestId: string;
  valueTestId: string;
}

/** A labelled range input with its value beside it; smaller means stricter (more alike). */
export function DistanceSlider({
  label,
  value,
  max,
  step,
  format,
  onChange,
  hint,
  sliderTestId,
  valueTestId,
}: DistanceSliderProps) {
  const id = useId();
  return (
    <div className="distance-slider">
      <label htmlFor={id} className="distance-slider__label">
        {label}
      </label>
      <span className="distance-slider__end">More alike</span>
      <input
        id={id}
        type="range"
        min={0}
        max={max}
        step={step}
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        aria-valuetext={format(value)}
        data-testid={sliderTestId}
      />
      <span className="distance-slider__end">Looser</span>
      <output htmlFor={id} className="distance-slider__value" data-testid={valueTestId}>
        {format(value)}
      </output>
      {hint && <span className="distance-slider__hint">{hint}</span>}
    </div>
  );
}
