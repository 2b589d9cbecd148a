import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { gatewayApi, unwrap } from '../api/http';
import { feedUrls, useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from '../api/calendarFeed';
import { keys, useMe, type Token } from '../api/rapport';
import { ErrorNote, fieldError } from '../components/ErrorNote';
import { Field } from '../components/Field';
import { formatDate } from '../lib/format';
import { useTitle } from '../lib/title';

/** The signed-in member: their password, their calendar feed, and their personal access tokens for API clients. */
export function AccountPage() {
  useTitle('Your account');
  const me = useMe();
  return (
    <div className="page narrow">
      <h1>Your account</h1>
      <p className="lede">{me.data?.displayName} · {me.data?.email}</p>
      <ChangePassword />
      <CalendarFeed />
      <Tokens />
    </div>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => unwrap(gatewayApi.POST('/api/me/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const differs = next !== repeat;
    setMismatch(differs);
    if (!differs) change.mutate();
  }
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <form onSubmit={submit} noValidate>
        <Field label="Current password" error={fieldError(change.error, 'currentPassword')}>
          {(props) => <input {...props} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field label="New password" hint="12 characters or more." error={fieldError(change.error, 'newPassword')}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <Field label="New password again" error={mismatch ? 'The two new passwords differ' : undefined}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
        </Field>
        <ErrorNote error={change.error} shownFields={['currentPassword', 'newPassword']} />
        {change.isSuccess && <p role="status">Password changed. Your other sessions have been signed out; your tokens keep working.</p>}
        <button type="submit" className="primary" disabled={change.isPending}>Change password</button>
      </form>
    </section>
  );
}

/**
 * The member's own birthdays, dates and follow-ups in Google Calendar, Apple Calendar or Outlook, by a secret URL:
 * shown once when made (the service keeps only its hash), replaced or turned off here.
 */
function CalendarFeed() {
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const urls = create.data?.url ? feedUrls(create.data.url, window.location.origin) : null;
  const exists = !!feed.data;
  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">Calendar feed</h2>
      <p className="hint">
        Birthdays and important dates of the people you can see, and the follow-ups you owe, in your own calendar:
        subscribe to the feed's link in Google Calendar (Other calendars, From URL), Apple Calendar (New calendar
        subscription) or Outlook (Add calendar, Subscribe from web). It holds only what you can see here.
      </p>
      <ErrorNote error={feed.error ?? create.error ?? revoke.error} onRetry={() => feed.refetch()} />
      {urls && (
        <div className="secret" role="status">
          <p>Your feed's link, shown only now: anyone who has it can read the feed, so keep it to yourself.</p>
          <code>{urls.https}</code>
          <button type="button" onClick={() => navigator.clipboard?.writeText(urls.https)}>Copy</button>{' '}
          <a href={urls.webcal}>Open in your calendar app</a>
        </div>
      )}
      {feed.data && (
        <p>
          Feed made {formatDate(feed.data.createdAt?.slice(0, 10))}
          {feed.data.lastFetchedAt ? `, last read by a calendar ${formatDate(feed.data.lastFetchedAt.slice(0, 10))}` : ', not read by a calendar yet'}.
        </p>
      )}
      {feed.data === null && !urls && <p className="empty">No calendar feed yet.</p>}
      <div className="buttons">
        <button type="button" disabled={create.isPending || feed.isPending} onClick={() => { revoke.reset(); create.mutate(); }}>
          {exists ? 'Make a new link' : 'Create a calendar feed'}
        </button>
        {exists && (
          <button type="button" className="danger-button" disabled={revoke.isPending}
            onClick={() => { create.reset(); revoke.mutate(); }}>
            Turn the feed off
          </button>
        )}
      </div>
      {exists && <p className="hint">A new link stops the old one at once; turning the feed off stops it for good.</p>}
    </section>
  );
}

function Tokens() {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: () => unwrap(gatewayApi.GET('/api/me/tokens')) });
  const create = useMutation({
    mutationFn: () => unwrap(gatewayApi.POST('/api/me/tokens', { body: { name: name.trim(), expiresInDays: Number(days) || undefined } })),
    onSuccess: () => {
      setName('');
      client.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal access tokens</h2>
      <p className="hint">For scripts and API clients: send one as <code>Authorization: Bearer rpt_…</code>.</p>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }} noValidate>
        <div className="row">
          <Field label="Token name" error={fieldError(create.error, 'name')}>
            {(props) => <input {...props} value={name} placeholder="laptop" onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Expires in (days)" error={fieldError(create.error, 'expiresInDays')}>
            {(props) => <input {...props} type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />}
          </Field>
        </div>
        <ErrorNote error={create.error} shownFields={['name', 'expiresInDays']} />
        <button type="submit" disabled={create.isPending}>Create token</button>
      </form>
      {create.data?.token && (
        <div className="secret" role="status">
          <p>Your new token <strong>{create.data.details?.name}</strong>, shown only now: copy it somewhere safe.</p>
          <code>{create.data.token}</code>
          <button type="button" onClick={() => navigator.clipboard?.writeText(create.data.token!)}>Copy</button>
        </div>
      )}
      <ErrorNote error={tokens.error} onRetry={() => tokens.refetch()} />
      {tokens.data && tokens.data.length === 0 && <p className="empty">No tokens yet.</p>}
      <ul className="tokens">
        {(tokens.data ?? []).map((t) => <TokenRow key={t.id} token={t} />)}
      </ul>
    </section>
  );
}

function TokenRow({ token }: { token: Token }) {
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => unwrap(gatewayApi.DELETE('/api/me/tokens/{id}', { params: { path: { id: token.id! } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });
  const active = token.status === 'ACTIVE';
  return (
    <li>
      <span className="name">{token.name}</span> <code>{token.prefix}…</code>{' '}
      <span className="hint">
        {token.status?.toLowerCase()} · created {formatDate(token.createdAt?.slice(0, 10))}
        {token.expiresAt && ` · expires ${formatDate(token.expiresAt.slice(0, 10))}`}
        {token.lastUsedAt && ` · last used ${formatDate(token.lastUsedAt.slice(0, 10))}`}
      </span>{' '}
      {active && <button type="button" onClick={() => revoke.mutate()} disabled={revoke.isPending} aria-label={`Revoke ${token.name}`}>Revoke</button>}
      <ErrorNote error={revoke.error} />
    </li>
  );
}
