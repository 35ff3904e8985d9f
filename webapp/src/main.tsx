import './styles/index.css';
import { render } from 'preact';
import { refreshSession } from './api/session';
import { App } from './app';
import { startNotifications } from './push/start';
import { registerServiceWorker } from './sw';

// Push and the unread counter follow the session, so start listening before it is restored.
startNotifications();
// Restore the session silently from the HttpOnly refresh cookie, if there is one.
void refreshSession();
render(<App />, document.getElementById('app')!);
registerServiceWorker();
