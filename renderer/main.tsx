import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { msg } from '../shared/messages';
import { createApi } from './api/client';
import { createHttpTransport } from './api/httpTransport';
import { createIpcTransport } from './api/ipcTransport';
import { App } from './App';
import { ApiContext } from './hooks/useApi';
import './styles.css';

// Inside Electron the preload provides the bridge; in a plain browser the page talks to the host that served it.
const transport = window.vanthu ? createIpcTransport(window.vanthu) : createHttpTransport();
const handle = { api: createApi(transport), transport };
document.title = msg('ui.app.title');

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ApiContext value={handle}>
      <App />
    </ApiContext>
  </StrictMode>,
);
