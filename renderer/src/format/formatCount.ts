const numberFormat = new Intl.NumberFormat();

export function formatCount(count: number): string {
  return numberFormat.format(count);
}

/** "1 photo", "2,345 photos". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
