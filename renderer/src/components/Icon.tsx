/** Line icons drawn inline, so they look the same on every system (emoji and symbol fonts vary). */
const iconPaths = {
  library: 'M3 4.5h4l1.5 1.5H13v6.5H3z',
  search: 'M7 3a4 4 0 1 1 0 8a4 4 0 0 1 0-8zM10 10l3.5 3.5',
  duplicates: 'M2.5 5.5h7v7h-7zM6.5 2.5h7v7h-2M6.5 2.5v3',
  settings:
    'M8 5.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 0 1 0-5zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
  folder: 'M2 4h4.5l1.5 1.5H14v7.5H2z',
  drop: 'M8 2v8M4.5 6.5L8 10l3.5-3.5M2.5 11v2.5h11V11',
} as const;

export type IconName = keyof typeof iconPaths;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={iconPaths[name]} />
    </svg>
  );
}
