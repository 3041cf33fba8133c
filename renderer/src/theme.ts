/**
 * The theme follows the system (prefers-color-scheme). `data-theme="light" | "dark"` on <html> overrides it;
 * `?theme=dark` sets that attribute, so screenshots of both themes need no system setting.
 */
export function applyThemeFromUrl(): void {
  const theme = new URLSearchParams(window.location.search).get('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
}
