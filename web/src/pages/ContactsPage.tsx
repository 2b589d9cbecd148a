import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useContactSearch, type ContactQuery } from '../api/rapport';
import { ErrorNote } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { TIERS } from '../lib/format';
import { useQueryParams } from '../lib/queryParams';
import { useTitle } from '../lib/title';

const SORTS: Record<NonNullable<ContactQuery['sort']>, string> = {
  RELEVANCE: 'Best match',
  NAME: 'Name',
  RECENTLY_UPDATED: 'Recently changed',
  RECENTLY_CREATED: 'Recently added',
};

/**
 * Downloads of what you can see (or one tag of it) as vCard 4.0 or CSV: plain links, so the browser streams the file
 * to disk with the session cookie, and a round trip through Import adds nobody.
 */
function ExportLinks({ tag }: { tag?: string }) {
  const suffix = tag ? `&tag=${encodeURIComponent(tag)}` : '';
  const what = tag ? `contacts tagged ${tag}` : 'all contacts you can see';
  return (
    <details className="export-menu">
      <summary className="button">Export</summary>
      <ul>
        <li><a href={`/api/contacts/export?format=vcard${suffix}`} download>{`${tag ? 'Tagged' : 'All'} as vCard`}<span className="visually-hidden"> ({what})</span></a></li>
        <li><a href={`/api/contacts/export?format=csv${suffix}`} download>{`${tag ? 'Tagged' : 'All'} as CSV`}<span className="visually-hidden"> ({what})</span></a></li>
      </ul>
    </details>
  );
}

/** Search as you type, filter, sort, page: the query lives in the URL so back, reload and links keep it. */
export function ContactsPage() {
  useTitle('Contacts');
  const [params, update] = useQueryParams(['focus']);
  const search = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = params.get('q') ?? '';
  const query: ContactQuery = {
    q: q || undefined,
    tag: params.get('tag') || undefined,
    tier: (params.get('tier') || undefined) as ContactQuery['tier'],
    archived: (params.get('archived') || 'ACTIVE') as ContactQuery['archived'],
    sort: (params.get('sort') || (q ? 'RELEVANCE' : 'NAME')) as ContactQuery['sort'],
    page: Number(params.get('page') ?? 0) || 0,
    size: 25,
  };
  const result = useContactSearch(query);

  // Typing updates the query after a short pause; the previous page stays on screen meanwhile.
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (typed === q) return;
    pending.current = setTimeout(() => update({ q: typed.trim() || undefined }), 150);
    return () => clearTimeout(pending.current);
    // Typing alone starts it: the URL changing (back, a filter) must not search the old text again.
  }, [typed]);

  // Back, forward or a link changed the query: the box shows it (but a trailing space being typed stays).
  useEffect(() => {
    setTyped((current) => (current.trim() === q ? current : q));
  }, [q]);

  useEffect(() => {
    if (params.get('focus') === 'search') search.current?.focus();
  }, [params]);

  const items = result.data?.items ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <h1>Contacts</h1>
        <div className="buttons">
          <Link className="button" to="/import">Import…</Link>
          <Link className="button" to="/contacts/duplicates">Duplicates</Link>
          <ExportLinks tag={query.tag} />
          <Link className="button primary" to="/contacts/new">New contact</Link>
        </div>
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field grow">
          <label htmlFor="contact-search">Search</label>
          <input ref={search} id="contact-search" type="search" value={typed} placeholder="Name, company, email, tag, notes…"
            aria-keyshortcuts="/" aria-controls="contact-results" onChange={(e) => setTyped(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="contact-tag">Tag</label>
          <input id="contact-tag" defaultValue={query.tag} onBlur={(e) => update({ tag: e.target.value.trim() || undefined })}
            onKeyDown={(e) => { if (e.key === 'Enter') update({ tag: e.currentTarget.value.trim() || undefined }); }} />
        </div>
        <div className="field">
          <label htmlFor="contact-tier">Keep in touch</label>
          <select id="contact-tier" value={query.tier ?? ''} onChange={(e) => update({ tier: e.target.value || undefined })}>
            <option value="">Any</option>
            {Object.entries(TIERS).map(([tier, label]) => <option key={tier} value={tier}>{label}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contact-archived">Show</label>
          <select id="contact-archived" value={query.archived} onChange={(e) => update({ archived: e.target.value === 'ACTIVE' ? undefined : e.target.value })}>
            <option value="ACTIVE">Active</option>
            <option value="ARCHIVED">Archived</option>
            <option value="ALL">All</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="contact-sort">Sort by</label>
          <select id="contact-sort" value={query.sort} onChange={(e) => update({ sort: e.target.value })}>
            {Object.entries(SORTS).map(([sort, label]) => <option key={sort} value={sort}>{label}</option>)}
          </select>
        </div>
      </form>
      <ErrorNote error={result.error} onRetry={() => result.refetch()} />
      <p className="result-count" aria-live="polite">
        {result.isFetching ? 'Searching…' : result.data ? `${(result.data.totalItems ?? 0).toLocaleString()} ${result.data.totalItems === 1 ? 'contact' : 'contacts'}` : ''}
      </p>
      {result.data && items.length === 0 && (
        <div className="empty">
          {q || query.tag || query.tier || query.archived !== 'ACTIVE' ? (
            <p>Nobody matches. Try fewer words, or another filter.</p>
          ) : (
            <p>No contacts yet. <Link to="/contacts/new">Add the first person</Link> you want to stay close to, or <Link to="/import">import your address book</Link>.</p>
          )}
        </div>
      )}
      {/* A click on a result wins over a search still waiting to run (it would navigate back here). */}
      <ul id="contact-results" className="contact-list" onClickCapture={() => clearTimeout(pending.current)}>
        {items.map((c) => (
          <li key={c.id}>
            <Link to={`/contacts/${c.id}`}>
              <span className="name">{c.displayName}</span>
              {(c.title || c.company) && <span className="sub">{[c.title, c.company].filter(Boolean).join(' · ')}</span>}
            </Link>
            <span className="meta">
              {c.archived && <span className="badge">archived</span>}
              {c.cadence?.tier && <span className="badge">{TIERS[c.cadence.tier as keyof typeof TIERS]?.split(' (')[0]}</span>}
              {(c.tags ?? []).slice(0, 3).map((t) => <span key={t} className="tag">{t}</span>)}
            </span>
          </li>
        ))}
      </ul>
      <Pager label="Contact pages" page={query.page ?? 0} totalPages={result.data?.totalPages} totalItems={result.data?.totalItems}
        totalExact={result.data?.totalExact} onPage={(page) => update({ page: page ? String(page) : undefined })} />
    </div>
  );
}
