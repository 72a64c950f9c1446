import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import type { Session } from './auth/session.ts';
import { createSignIn } from './auth/sign-in.ts';
import { loadSiteConfig } from './auth/site-config.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element for the shop to render into.');
const config = await loadSiteConfig();
const signIn = config && createSignIn(config);
let initialSession: Session | null = null;
let initialSignInProblem: unknown = null;
if (signIn?.isCallback(window.location)) {
  // The provider sent the browser back with a code: trade it, then show the route the user started from.
  try {
    const done = await signIn.complete(window.location.href);
    initialSession = done.session;
    window.history.replaceState(null, '', `/${done.returnTo}`);
  } catch (error) {
    window.history.replaceState(null, '', '/#/account');
    initialSignInProblem = error;
  }
}
createRoot(root).render(
  <StrictMode>
    <App signIn={signIn} initialSession={initialSession} initialSignInProblem={initialSignInProblem} />
  </StrictMode>,
);
