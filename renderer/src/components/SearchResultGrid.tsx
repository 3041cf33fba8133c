import type { SearchResult } from '../../../shared/contract';
import { SearchResultCard } from './SearchResultCard';

export function SearchResultGrid({
  results,
  onOpen,
}: {
  results: readonly SearchResult[];
  onOpen: (index: number) => void;
}) {
  return (
    <ul className="result-grid" aria-label="Similar photos">
      {results.map((result, index) => (
        <SearchResultCard key={result.path} result={result} onOpen={() => onOpen(index)} />
      ))}
    </ul>
  );
}
