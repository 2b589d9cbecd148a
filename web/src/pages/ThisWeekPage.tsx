import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { interactionsApi, remindersApi, timeZone, unwrap } from '../api/http';
import { ApiError } from '../api/problem';
import { keys, useAgenda, useContacts, useContactSearch, type AgendaItem, type Contact, type Plan } from '../api/rapport';
import { useComposer } from '../components/Composer';
import { ErrorNote, fieldError } from '../components/ErrorNote';
import { addDays, formatDate, formatDateTime, relativeDays, STATES, today } from '../lib/format';
import { useShortcuts } from '../lib/shortcuts';
import { useTitle } from '../lib/title';

const KIND_LABELS: Record<string, string> = {
  FOLLOW_UP: 'Follow-up',
  KEEP_IN_TOUCH: 'Keep in touch',
  IMPORTANT_DATE: 'Date',
};

/** The home page: what to do this week, ranked, each card with what you need to start a real conversation. */
export function ThisWeekPage() {
  useTitle('This week');
  const agenda = useAgenda();
  const sections = [
    { key: 'overdue', title: 'Overdue', items: agenda.data?.overdue ?? [] },
    { key: 'today', title: 'Today', items: agenda.data?.today ?? [] },
    { key: 'upcoming', title: 'Coming up', items: agenda.data?.upcoming ?? [] },
  ];
  const all = sections.flatMap((s) => s.items);
  const contacts = useContacts(all.map((item) => item.contactId!).filter(Boolean));
  const list = useRef<HTMLDivElement>(null);

  const handlers = useMemo(() => {
    const move = (step: number) => {
      const cards = Array.from(list.current?.querySelectorAll<HTMLElement>('article.card') ?? []);
      if (!cards.length) return;
      const current = cards.indexOf(document.activeElement?.closest('article.card') as HTMLElement);
      const next = current < 0 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, current + step));
      cards[next].focus();
    };
    return { j: () => move(1), k: () => move(-1) };
  }, []);
  useShortcuts(handlers);

  return (
    <div className="page">
      <h1>This week</h1>
      {agenda.data && (
        <p className="lede">
          {formatDate(agenda.data.date)} · {all.length === 0 ? 'nothing due' : `${all.length} to do`}
          <span className="hint"> · <kbd>j</kbd>/<kbd>k</kbd> move between cards</span>
        </p>
      )}
      {agenda.data && <WeeklyPlanBar plan={agenda.data.plan} />}
      {agenda.isPending && <p className="loading">Loading your week…</p>}
      <ErrorNote error={agenda.error} onRetry={() => agenda.refetch()} />
      {agenda.data && all.length === 0 && <EmptyWeek />}
      <div ref={list}>
        {sections.map((section) =>
          section.items.length ? (
            <section key={section.key} aria-labelledby={`section-${section.key}`}>
              <h2 id={`section-${section.key}`}>
                {section.title} <span className="count">{section.items.length}</span>
              </h2>
              <div className="cards">
                {section.items.map((item) => (
                  <AgendaCard key={item.id} item={item} contact={contacts.get(item.contactId!)} day={agenda.data?.date ?? today()} />
                ))}
              </div>
            </section>
          ) : null,
        )}
        {!!agenda.data?.deferred?.length && (
          <section aria-labelledby="section-deferred">
            <details>
              <summary>
                <h2 id="section-deferred">
                  Deferred by your plan <span className="count">{agenda.data.deferred.length}</span>
                </h2>
              </summary>
              <p className="hint">Beyond this week's capacity: kept in order, and offered as you reach people or next week.</p>
              <div className="cards">
                {agenda.data.deferred.map((item) => (
                  <AgendaCard key={item.id} item={item} contact={contacts.get(item.contactId!)} day={agenda.data?.date ?? today()} />
                ))}
              </div>
            </details>
          </section>
        )}
      </div>
    </div>
  );
}

/** The weekly capacity and where the week stands; the capacity is changed in place. */
function WeeklyPlanBar({ plan }: { plan?: Plan }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(plan?.weeklyCapacity ?? 5));
  const save = useMutation({
    mutationFn: (weeklyCapacity: number | null) => unwrap(remindersApi.PUT('/api/reminders/plan', { body: { weeklyCapacity: weeklyCapacity ?? undefined } })),
    onSuccess: () => {
      setEditing(false);
      client.invalidateQueries({ queryKey: keys.agenda });
    },
  });
  const capacity = plan?.weeklyCapacity;
  return (
    <div className="plan-bar">
      {!editing ? (
        <p>
          {capacity
            ? `Your plan: ${capacity} ${capacity === 1 ? 'person' : 'people'} a week · ${plan?.reachedThisWeek ?? 0} reached since Monday · ${plan?.slotsLeft ?? 0} left`
            : `No weekly limit: every nudge shows · ${plan?.reachedThisWeek ?? 0} reached since Monday`}
          {' '}
          <button type="button" className="link" onClick={() => { setValue(String(capacity ?? 5)); setEditing(true); }}>
            {capacity ? 'Change' : 'Set a weekly capacity'}
          </button>
        </p>
      ) : (
        <form className="plan-form" onSubmit={(event) => { event.preventDefault(); save.mutate(Number(value)); }}>
          <div className={`field${fieldError(save.error, 'weeklyCapacity') ? ' invalid' : ''}`}>
            <label htmlFor="weekly-capacity">People a week</label>
            <input id="weekly-capacity" type="number" min={1} max={100} required value={value}
              aria-describedby="weekly-capacity-hint" onChange={(event) => setValue(event.target.value)} />
            <p id="weekly-capacity-hint" className={fieldError(save.error, 'weeklyCapacity') ? 'error' : 'hint'}>
              {fieldError(save.error, 'weeklyCapacity') ?? 'This week shows the best that many; follow-ups and dates always show.'}
            </p>
          </div>
          <ErrorNote error={save.error} shownFields={['weeklyCapacity']} />
          <div className="buttons">
            <button type="submit" className="primary" disabled={save.isPending}>Save plan</button>
            {capacity && <button type="button" disabled={save.isPending} onClick={() => save.mutate(null)}>No limit</button>}
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      )}
    </div>
  );
}

function EmptyWeek() {
  const composer = useComposer();
  const anyone = useContactSearch({ size: 1 });
  if (anyone.data && (anyone.data.totalItems ?? 0) === 0) {
    return (
      <div className="empty">
        <h2>Start with one person</h2>
        <p>
          Rapport reminds you before a relationship cools. Add someone you want to stay close to, with how often you
          would like to talk, and log your last conversation with them.
        </p>
        <p>
          <Link className="button primary" to="/contacts/new">Add your first contact</Link>{' '}
          <button type="button" onClick={() => composer.open()}>Log a conversation</button>
        </p>
      </div>
    );
  }
  return (
    <div className="empty">
      <h2>Nothing due this week</h2>
      <p>
        Everyone you keep in touch with is warm, and no promise or date is coming up. When a relationship is due, a
        follow-up falls due or a birthday nears, it shows up here.
      </p>
      <p>
        <Link to="/cooling">See everyone by warmth</Link> · <button type="button" className="link" onClick={() => composer.open()}>Log a conversation</button>
      </p>
    </div>
  );
}

/** One reminder; `day` is today as the server sees it (the snooze date must come after it). */
function AgendaCard({ item, contact, day }: { item: AgendaItem; contact?: Contact; day: string }) {
  const client = useQueryClient();
  const composer = useComposer();
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState(() => addDays(day, 7));
  const id = item.id!;
  const detail = (item.detail ?? {}) as Record<string, unknown>;
  const context = item.context;

  const act = useMutation({
    mutationFn: async (action: 'complete' | 'dismiss' | 'snooze') => {
      if (action === 'complete' && item.kind === 'FOLLOW_UP' && detail.interactionId && detail.followUpId) {
        // The promise itself is done: the interactions service owns it, and the reminder follows it.
        await unwrap(
          interactionsApi.POST('/api/interactions/{id}/follow-ups/{followUpId}/complete', {
            params: { path: { id: String(detail.interactionId), followUpId: String(detail.followUpId) } },
          }),
        );
      }
      if (action === 'snooze') {
        return unwrap(remindersApi.POST('/api/reminders/{id}/snooze', { params: { path: { id }, query: { tz: timeZone } }, body: { until } }));
      }
      const path = action === 'complete' ? '/api/reminders/{id}/complete' : '/api/reminders/{id}/dismiss';
      return unwrap(remindersApi.POST(path, { params: { path: { id } } })).catch((error: unknown) => {
        // The follow-up's completion may have closed the reminder already.
        if (action === 'complete' && error instanceof ApiError && !error.transient) return undefined;
        throw error;
      });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.reminders });
      client.invalidateQueries({ queryKey: keys.interactions });
    },
  });

  const headingId = `card-${id}`;
  const name = item.contactName ?? contact?.displayName ?? 'Someone';
  return (
    <article className={`card kind-${item.kind?.toLowerCase()}`} tabIndex={-1} aria-labelledby={headingId}>
      <header>
        <span className="badge">{KIND_LABELS[item.kind ?? ''] ?? item.kind}</span>
        {item.relationshipState && <span className={`state state-${item.relationshipState.toLowerCase()}`}>{STATES[item.relationshipState as keyof typeof STATES] ?? item.relationshipState}</span>}
        <span className="due">{item.dueOn && <>due {relativeDays(item.dueOn, day)} ({formatDate(item.dueOn)})</>}</span>
      </header>
      <h3 id={headingId}>
        <Link to={`/contacts/${item.contactId}`}>{name}</Link>
      </h3>
      <p className="card-title">{item.title}</p>
      {contact?.context && (
        <p className="life"><span className="label">In their life:</span> {contact.context}</p>
      )}
      {context?.lastInteraction && (
        <p className="last">
          <span className="label">Last time ({formatDateTime(context.lastInteraction.happenedAt)}):</span>{' '}
          {context.lastInteraction.summary || 'no summary'}
        </p>
      )}
      {!!context?.openQuestions?.length && (
        <div className="questions">
          <span className="label">Ask:</span>
          <ul>{context.openQuestions.map((q) => <li key={q}>{q}</li>)}</ul>
        </div>
      )}
      {!!context?.openFollowUps?.length && (
        <div className="promised">
          <span className="label">Promised:</span>
          <ul>
            {context.openFollowUps.map((f) => (
              <li key={f.id}>
                {f.owedBy === 'ME' ? 'You: ' : 'They: '}
                {f.text}
                {f.dueOn && <> (due {formatDate(f.dueOn)})</>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!!context?.upcomingDates?.length && (
        <p className="dates">
          <span className="label">Coming up:</span>{' '}
          {context.upcomingDates.map((d) => `${d.label ?? d.kind?.toLowerCase()} ${formatDate(d.date)}`).join(', ')}
        </p>
      )}
      {item.kind === 'IMPORTANT_DATE' && typeof detail.years === 'number' && <p className="dates">{detail.years} years</p>}
      <div className="buttons">
        <button type="button" className="primary" onClick={() => composer.open([{ id: item.contactId, name }])}>
          Log a conversation
        </button>
        <button type="button" onClick={() => act.mutate('complete')} disabled={act.isPending}>Done</button>
        <button type="button" aria-expanded={snoozing} onClick={() => setSnoozing((s) => !s)}>Snooze</button>
        <button type="button" className="link" onClick={() => act.mutate('dismiss')} disabled={act.isPending}>Dismiss</button>
      </div>
      {snoozing && (
        <form className="snooze" onSubmit={(e) => { e.preventDefault(); act.mutate('snooze'); }}>
          <label htmlFor={`snooze-${id}`}>Remind me on</label>
          <input id={`snooze-${id}`} type="date" value={until} min={addDays(day, 1)} onChange={(e) => setUntil(e.target.value)} required />
          <button type="submit" disabled={act.isPending}>Snooze</button>
        </form>
      )}
      <ErrorNote error={act.error} onRetry={() => act.mutate(act.variables!)} />
    </article>
  );
}
