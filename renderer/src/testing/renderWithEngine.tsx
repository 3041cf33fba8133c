import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { EngineProvider } from '../api/EngineContext';
import { createFakeEngine, type FakeEngine, type FakeEngineOptions } from './fakeEngine';

export function renderWithEngine(
  ui: ReactElement,
  options: FakeEngineOptions = {},
): RenderResult & { engine: FakeEngine } {
  const engine = createFakeEngine(options);
  const result = render(<EngineProvider client={engine.client}>{ui}</EngineProvider>);
  return { ...result, engine };
}
