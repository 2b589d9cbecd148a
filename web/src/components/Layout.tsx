import { useMemo, useRef, useState, type ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { withCsrf } from '../api/csrf';
import { type Member } from '../api/rapport';
import { useShortcuts } from '../lib/shortcuts';
import { useComposer } from './Composer';

async function signOut() {
  await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: withCsrf('POST', new Headers()) });
  window.location.assign('/login?logout');
}

const SHORTCUTS: [string, string][] = [
  ['l', 'Log a conversation'],
  ['/', 'Search contacts'],
  ['j / k', 'Next / previous card on This week'],
  ['g then w', 'Go to This week'],
  ['g then c', 'Go to Contacts'],
  ['g then o', 'Go to Who is cooling'],
  ['g then p', 'Go to Promises'],
  ['g then i', 'Go to Insights'],
  ['?', 'Show these shortcuts'],
];

export function Layout({ me, children }: { me?: Member; children: ReactNode }) {
  const navigate = useNavigate();
  const composer = useComposer();
  const help = useRef<HTMLDialogElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);

  const handlers = useMemo(
    () => ({
      l: () => composer.open(),
      '/': () => navigate('/contacts?focus=search'),
      '?': () => help.current?.showModal(),
    }),
    [composer, navigate],
  );
  const goTo = useMemo(
    () => ({
      w: () => navigate('/'),
      c: () => navigate('/contacts'),
      o: () => navigate('/cooling'),
      p: () => navigate('/promises'),
      i: () => navigate('/insights'),
    }),
    [navigate],
  );
  useShortcuts(handlers, goTo);

  const links: [string, string][] = [
    ['/', 'This week'],
    ['/contacts', 'Contacts'],
    ['/cooling', 'Who is cooling'],
    ['/promises', 'Promises'],
    ['/insights', 'Insights'],
    ['/team', 'Team'],
    ['/notifications', 'Notifications'],
  ];
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top">
        <div className="brand">
          <span aria-hidden="true" className="logo">◎</span> Rapport
        </div>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'open' : undefined}>
          <ul>
            {links.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'} onClick={() => setMenuOpen(false)}>
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="actions">
          <button type="button" className="primary" onClick={() => composer.open()} aria-keyshortcuts="l">
            Log a conversation <kbd aria-hidden="true">l</kbd>
          </button>
          <NavLink to="/account" className="account" title={me?.email}>
            {me?.displayName ?? 'Account'}
          </NavLink>
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="bottom">
        <button type="button" className="link" onClick={() => help.current?.showModal()}>
          Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
      </footer>
      <dialog ref={help} aria-labelledby="shortcuts-title" className="panel">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt><kbd>{keys}</kbd></dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
