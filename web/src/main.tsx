import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The global base first, so that the components' CSS modules come after it in the cascade.
import './styles.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
