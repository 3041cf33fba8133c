import { useCallback, useState, type ReactNode } from 'react';
import { DropOverlay } from './components/DropOverlay';
import { EngineStateBanner } from './components/EngineStateBanner';
import { Sidebar, screenNames, type ScreenName } from './components/Sidebar';
import { firstPhotoFile } from './format/photoFiles';
import { useHashTab } from './hooks/useHashTab';
import { usePastedFiles } from './hooks/usePastedFiles';
import { usePhotoSearch } from './hooks/usePhotoSearch';
import { useWindowFileDrop } from './hooks/useWindowFileDrop';
import { DuplicatesScreen } from './screens/DuplicatesScreen';
import { LibraryScreen } from './screens/LibraryScreen';
import { SearchScreen } from './screens/SearchScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { TrashUndoProvider } from './undo/TrashUndoContext';
import { UndoTrashBar } from './undo/UndoTrashBar';

/** The undo of the last trash lives above the screens, so it survives going to another screen and back. */
export function App() {
  return (
    <TrashUndoProvider>
      <AppScreens />
    </TrashUndoProvider>
  );
}

function AppScreens() {
  const [current, navigate] = useHashTab(screenNames, 'library');
  // Screens mount on first visit and then stay mounted (hidden), so switching back keeps the slider, the search
  // and the scroll position, and the duplicate graph is not fetched until someone asks for it.
  const [visited, setVisited] = useState<ReadonlySet<ScreenName>>(() => new Set([current]));
  if (!visited.has(current)) setVisited(new Set([...visited, current]));

  const search = usePhotoSearch();
  const searchWithFiles = useCallback(
    (files: File[]) => {
      const photo = firstPhotoFile(files) ?? files[0];
      if (!photo) return;
      search.searchFile(photo);
      navigate('search');
    },
    [search, navigate],
  );
  const dragging = useWindowFileDrop(searchWithFiles);
  usePastedFiles(searchWithFiles);

  const screens: Record<ScreenName, () => ReactNode> = {
    library: () => <LibraryScreen active={current === 'library'} />,
    search: () => <SearchScreen search={search} active={current === 'search'} />,
    duplicates: () => (
      <DuplicatesScreen active={current === 'duplicates'} onGoToLibrary={() => navigate('library')} />
    ),
    settings: () => <SettingsScreen />,
  };

  return (
    <div className="app">
      <Sidebar current={current} onNavigate={navigate} />
      <main className="app__main">
        <EngineStateBanner />
        {screenNames.map(
          (name) =>
            visited.has(name) && (
              <div
                key={name}
                className="app__screen"
                hidden={name !== current}
                data-testid={`screen-${name}`}
              >
                {screens[name]()}
              </div>
            ),
        )}
      </main>
      {dragging && <DropOverlay />}
      <UndoTrashBar />
    </div>
  );
}
