import { defineConfig } from 'vite';

// The renderer is plain React + TypeScript: Vite's built-in JSX transform is enough (tsconfig.web.json sets
// react-jsx). Relative base so the same build loads from the desktop app's custom scheme and from `serve`.
export const rendererBuildConfig = defineConfig({
  root: 'renderer',
  base: './',
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});

// Vite reads the default export of its config file; the house rule against default exports yields to the tool here.
export default rendererBuildConfig;
