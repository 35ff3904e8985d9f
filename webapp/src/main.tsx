import './styles/index.css';
import { render } from 'preact';
import { refreshSession } from './api/session';
import { App } from './app';
import { startOutbox } from './market/outboxRuntime';
import { startConversationUnread } from './market/unread';
import { startNotifications } from './push/start';
import { registerServiceWorker } from './sw';

// Push and the unread counter follow the session, so start listening before it is restored.
startNotifications();
// The marketplace: the unread-messages counter, and the outbox of posts and messages written offline.
startConversationUnread();
startOutbox();
// Restore the session silently from the HttpOnly refresh cookie, if there is one.
void refreshSession();
render(<App />, document.getElementById('app')!);
registerServiceWorker();
