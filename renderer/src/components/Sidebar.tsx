import { Icon } from './Icon';

export const screenNames = ['library', 'search', 'duplicates', 'settings'] as const;
export type ScreenName = (typeof screenNames)[number];

const screenLabels: Record<ScreenName, string> = {
  library: 'Library',
  search: 'Search',
  duplicates: 'Duplicates',
  settings: 'Settings',
};

export function Sidebar({
  current,
  onNavigate,
}: {
  current: ScreenName;
  onNavigate: (screen: ScreenName) => void;
}) {
  return (
    <nav className="sidebar" aria-label="Screens">
      <div className="sidebar__brand">Doppel</div>
      <ul className="sidebar__list">
        {screenNames.map((screen) => (
          <li key={screen}>
            <button
              type="button"
              className={`sidebar__item${screen === current ? ' is-current' : ''}`}
              aria-current={screen === current ? 'page' : undefined}
              onClick={() => onNavigate(screen)}
              data-testid={`nav-${screen}`}
            >
              <Icon name={screen} />
              {screenLabels[screen]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
