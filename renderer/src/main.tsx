import './api/zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient } from './api/createEngineClient';
import { EngineProvider } from './api/EngineContext';
import { App } from './App';
import { applyThemeFromUrl } from './theme';
import './styles/index.css';

applyThemeFromUrl();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <EngineProvider client={createEngineClient()}>
      <App />
    </EngineProvider>
  </StrictMode>,
);
