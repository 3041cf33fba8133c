import { useMemo, useState } from 'react';
import type { SearchResult } from '../../../shared/contract';
import { DistanceSlider } from '../components/DistanceSlider';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { FullImageViewer } from '../components/FullImageViewer';
import { QueryPanel } from '../components/QueryPanel';
import { StagesPanel } from '../components/StagesPanel';
import { SearchResultGrid } from '../components/SearchResultGrid';
import { WordsSearchForm } from '../components/WordsSearchForm';
import { formatCount } from '../format/formatCount';
import { formatDistance } from '../format/formatDistance';
import { fileName } from '../format/paths';
import type { PhotoSearchState, SearchCoverage } from '../hooks/usePhotoSearch';
import { useStatus } from '../hooks/useStatus';

const distanceStep = 0.01;

/** The slider's right end: the farthest result, rounded up to a step so every result can be shown. */
function farthest(results: readonly SearchResult[]): number {
  const max = results.reduce((highest, result) => Math.max(highest, result.distance), 0);
  return Math.max(distanceStep, Math.ceil(max / distanceStep) * distanceStep);
}

export function SearchScreen({ search, active = true }: { search: PhotoSearchState; active?: boolean }) {
  const {
    query,
    words,
    results,
    partial,
    searching,
    error,
    searchFile,
    searchPath,
    searchWords,
    clearPhoto,
  } = search;
  // Search looks only at the photos the model has read: while that stage is not done, show where it is.
  const stages = useStatus({ active }).status?.stages ?? [];
  const similarStage = stages.find((stage) => stage.name === 'similar');
  const searchWaits = similarStage !== undefined && similarStage.state !== 'done';
  // The chosen distance belongs to one result list; a new search starts again with everything shown.
  const [chosen, setChosen] = useState<{ results: SearchResult[]; value: number } | null>(null);
  const [openIndex, setOpenIndex] = useState<number | null>(null);

  const maxDistance = useMemo(() => farthest(results ?? []), [results]);
  const limit = chosen && chosen.results === results ? chosen.value : maxDistance;
  const visible = useMemo(
    () => (results ?? []).filter((result) => result.distance <= limit + 1e-9),
    [results, limit],
  );

  return (
    <div className="screen search-screen">
      <header className="screen__header">
        <h1 className="screen__title">Search</h1>
        <p className="screen__subtitle">
          Find the photos in your library that look like a photo you have, or that match a few words.
        </p>
      </header>
      <div className="search-layout">
        <aside className="search-layout__query">
          <QueryPanel query={query} onFile={searchFile} onPath={searchPath} />
          <WordsSearchForm
            hasPhoto={query !== null}
            busy={searching}
            onSearch={searchWords}
            onClearPhoto={clearPhoto}
          />
        </aside>
        <section className="search-layout__results" aria-live="polite">
          {searchWaits && <StagesPanel stages={stages} />}
          {partial && <PartialSearchNote coverage={partial} />}
          {error && <ErrorMessage message={error} />}
          {!query && !words && !error && (
            <EmptyState title="Start with a photo or a few words" testId="search-empty">
              <p>
                Drop a photo anywhere on this window, paste one, or click the box on the left to choose a
                file. Or describe what you are looking for, like “a dog on a beach”.
              </p>
            </EmptyState>
          )}
          {searching && (
            <p className="muted" data-testid="search-busy">
              {words && !query ? `Looking for photos of “${words.text}”…` : 'Looking for similar photos…'}
            </p>
          )}
          {results && results.length === 0 && (
            <EmptyState title="No matching photos found" testId="search-no-results">
              <p>Nothing in your library matches this search. Add more folders in Library, then try again.</p>
            </EmptyState>
          )}
          {results && results.length > 0 && (
            <>
              <div className="toolbar">
                <DistanceSlider
                  label="Maximum distance"
                  value={limit}
                  max={maxDistance}
                  step={distanceStep}
                  format={formatDistance}
                  onChange={(value) => setChosen({ results, value })}
                  sliderTestId="distance-slider"
                  valueTestId="distance-value"
                />
                <span className="toolbar__summary" data-testid="search-summary">
                  {formatCount(visible.length)} of {formatCount(results.length)} photos
                </span>
              </div>
              {visible.length === 0 ? (
                <p className="muted">No photo is this close. Move the slider to the right to see more.</p>
              ) : (
                <SearchResultGrid results={visible} onOpen={setOpenIndex} />
              )}
            </>
          )}
        </section>
      </div>
      {openIndex !== null && visible[openIndex] && (
        <FullImageViewer
          photos={visible.map((result) => ({
            path: result.path,
            title: fileName(result.path),
            detail: `distance ${formatDistance(result.distance)}`,
            machine: result.photo.machine,
          }))}
          index={openIndex}
          onIndexChange={setOpenIndex}
          onClose={() => setOpenIndex(null)}
        />
      )}
    </div>
  );
}

/** The engine searched only the photos it has read with the model so far: say so, above the results. */
function PartialSearchNote({ coverage }: { coverage: SearchCoverage }) {
  return (
    <p className="muted" role="note" data-testid="search-partial">
      Searched {formatCount(coverage.embedded)} of {formatCount(coverage.total)} photos; the rest are still
      being read.
    </p>
  );
}
