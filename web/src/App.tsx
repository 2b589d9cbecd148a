import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Route, Routes } from 'react-router';
import { onSessionEnded } from './api/http';
import { useMe } from './api/rapport';
import { describe } from './api/problem';
import { ComposerProvider } from './components/Composer';
import { Layout } from './components/Layout';
import { AccountPage } from './pages/AccountPage';
import { ContactPage } from './pages/ContactPage';
import { ContactsPage } from './pages/ContactsPage';
import { CoolingPage } from './pages/CoolingPage';
import { DuplicatesPage } from './pages/DuplicatesPage';
import { ImportPage } from './pages/ImportPage';
import { ImportReviewPage } from './pages/ImportReviewPage';
import { NewContactPage } from './pages/NewContactPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { PromisesPage } from './pages/PromisesPage';
import { TeamPage } from './pages/TeamPage';
import { ThisWeekPage } from './pages/ThisWeekPage';

// The charts library is most of the page's weight: loaded when Insights is first opened, not with every page.
const InsightsPage = lazy(() => import('./pages/InsightsPage').then((module) => ({ default: module.InsightsPage })));

/**
 * Shown when a call answered 401: what was typed is in sessionStorage; signing in brings the person back here. A
 * modal dialog, so it comes above the composer if that is open (both in the browser's top layer, the last on top).
 */
function SessionEnded() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="panel" role="alertdialog" aria-labelledby="session-ended-title"
      onCancel={(event) => event.preventDefault()}>
      <h2 id="session-ended-title">Your session has ended</h2>
      <p>What you were typing is kept. Sign in again to carry on where you were.</p>
      <button type="button" className="primary" autoFocus onClick={() => window.location.reload()}>
        Sign in again
      </button>
    </dialog>
  );
}

export function App() {
  const me = useMe();
  const [ended, setEnded] = useState(false);
  useEffect(() => onSessionEnded(() => setEnded(true)), []);

  if (me.isPending) return <p className="loading">Loading Rapport…</p>;
  if (me.isError && !ended) {
    return (
      <main className="page">
        <h1>Rapport is not answering</h1>
        <p role="alert">{describe(me.error)}</p>
        <button type="button" onClick={() => me.refetch()}>Try again</button>
      </main>
    );
  }
  return (
    <ComposerProvider>
      <Layout me={me.data}>
        <Routes>
          <Route path="/" element={<ThisWeekPage />} />
          <Route path="/contacts" element={<ContactsPage />} />
          <Route path="/contacts/new" element={<NewContactPage />} />
          <Route path="/contacts/duplicates" element={<DuplicatesPage />} />
          <Route path="/contacts/:id" element={<ContactPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/import/:id" element={<ImportReviewPage />} />
          <Route path="/cooling" element={<CoolingPage />} />
          <Route path="/promises" element={<PromisesPage />} />
          <Route path="/insights" element={<Suspense fallback={<p className="loading">Loading insights…</p>}><InsightsPage /></Suspense>} />
          <Route path="/team" element={<TeamPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
      {ended && <SessionEnded />}
    </ComposerProvider>
  );
}
