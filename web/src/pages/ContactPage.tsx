import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { contactsApi, etagVersion, remindersApi, unwrap } from '../api/http';
import { ApiError, toApiError } from '../api/problem';
import { contactQuery, keys, useContact, useContacts, useLedger, useMe, useRelationship, type Contact, type Relationship } from '../api/rapport';
import { useComposer } from '../components/Composer';
import { ContactForm } from '../components/ContactForm';
import { ErrorNote } from '../components/ErrorNote';
import { LedgerRow } from '../components/LedgerRow';
import { ContactHistory } from '../components/ContactHistory';
import { TeamKnowledge } from '../components/TeamKnowledge';
import { Timeline } from '../components/Timeline';
import { fromContact, toDraft, type ContactModel } from '../lib/contactModel';
import { useDraft } from '../lib/drafts';
import { formatDate, formatDateTime, STATES, TIERS } from '../lib/format';
import { mergePatch } from '../lib/mergePatch';
import { useTitle } from '../lib/title';

/** An edit in progress: the contact as it was when editing began (the patch is what changed since) and the form. */
interface EditDraft {
  base: Contact;
  baseVersion: number;
  model: ContactModel;
}

export function ContactPage() {
  const { id = '' } = useParams();
  const found = useContact(id);
  const me = useMe();
  const composer = useComposer();
  const [edit, setEdit, clearEdit] = useDraft<EditDraft | null>(`edit-contact-${id}`, () => null);
  const contact = found.data?.contact;
  const mergedFrom = (useLocation().state as { mergedFrom?: string } | null)?.mergedFrom;
  useTitle(contact?.displayName ?? 'Contact');

  if (found.isPending) return <p className="loading">Loading…</p>;
  if (found.error) {
    const missing = found.error instanceof ApiError && found.error.status === 404;
    return (
      <div className="page">
        <h1>{missing ? 'No such contact' : 'This contact could not be loaded'}</h1>
        {missing ? (
          <p>It may have been erased, or it is a teammate's private contact. <Link to="/contacts">Back to contacts</Link></p>
        ) : (
          <ErrorNote error={found.error} onRetry={() => found.refetch()} />
        )}
      </div>
    );
  }
  if (!contact) return null;
  // A contact merged into another answers with the survivor (the API's 301, which the browser follows): go there.
  if (contact.id && contact.id !== id) return <Navigate to={`/contacts/${contact.id}`} replace state={{ mergedFrom: id }} />;
  const version = found.data.version;
  const isOwner = contact.ownerId === me.data?.id;

  return (
    <div className="page contact-page">
      <div className="page-head">
        <div>
          <h1>{contact.displayName}</h1>
          <p className="lede">
            {[contact.title, contact.company, contact.location].filter(Boolean).join(' · ')}
            {contact.archived && <span className="badge">archived</span>}
            <span className="badge">{contact.visibility === 'TEAM' ? 'shared with the team' : 'private'}</span>
          </p>
        </div>
        <div className="buttons">
          <button type="button" className="primary" onClick={() => composer.open([{ id: contact.id, name: contact.displayName ?? '' }])}>
            Log a conversation
          </button>
          {!edit && (
            <button type="button" onClick={() => setEdit({ base: contact, baseVersion: version, model: fromContact(contact, undefined) })}>
              Edit
            </button>
          )}
          <a className="button" href={`/api/contacts/${contact.id}/export?format=vcard`} download>
            vCard<span className="visually-hidden"> of {contact.displayName}</span>
          </a>
        </div>
      </div>
      {mergedFrom && (
        <p className="notice" role="status">The contact you opened was merged into {contact.displayName}: this is the one record now.</p>
      )}
      {edit ? (
        <EditContact id={id} edit={edit} setEdit={setEdit} done={clearEdit} latestVersion={version} isOwner={isOwner} />
      ) : (
        <About contact={contact} />
      )}
      <KeepInTouch contactId={id} contact={contact} version={version} />
      <OpenFollowUps contactId={id} />
      <TeamKnowledge contactId={id} name={contact.displayName ?? 'them'} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Conversations</h2>
        <Timeline contactId={id} />
      </section>
      <ContactHistory contactId={id} />
      <Danger contact={contact} />
    </div>
  );
}

function About({ contact }: { contact: Contact }) {
  const introducer = useContact(contact.howWeMet?.introducedBy);
  return (
    <section aria-labelledby="about-title" className="about">
      <h2 id="about-title" className="visually-hidden">About</h2>
      {contact.context ? (
        <p className="life"><span className="label">In their life:</span> {contact.context}</p>
      ) : (
        <p className="hint">Nothing noted about what is going on in their life yet: edit to add it.</p>
      )}
      <dl className="facts">
        {contact.howWeMet && (
          <div>
            <dt>How you met</dt>
            <dd>
              {[contact.howWeMet.place, contact.howWeMet.date && formatDate(contact.howWeMet.date)].filter(Boolean).join(', ')}
              {contact.howWeMet.introducedBy && (
                <> — introduced by{' '}
                  {introducer.data ? <Link to={`/contacts/${contact.howWeMet.introducedBy}`}>{introducer.data.contact.displayName}</Link> : 'a contact'}
                </>
              )}
              {contact.howWeMet.note && <> — {contact.howWeMet.note}</>}
            </dd>
          </div>
        )}
        {!!contact.interests?.length && (<div><dt>Interests</dt><dd>{contact.interests.join(', ')}</dd></div>)}
        {!!contact.tags?.length && (<div><dt>Tags</dt><dd>{contact.tags.map((t) => <span key={t} className="tag">{t}</span>)}</dd></div>)}
        {!!contact.importantDates?.length && (
          <div>
            <dt>Important dates</dt>
            <dd>
              {contact.importantDates.map((d, i) => (
                <span key={i} className="date-chip">
                  {d.label || (d.kind === 'BIRTHDAY' ? 'Birthday' : d.kind === 'ANNIVERSARY' ? 'Anniversary' : 'Date')}:{' '}
                  {new Date(2000, (d.month ?? 1) - 1, d.day ?? 1).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}
                  {d.year ? ` ${d.year}` : ''}
                </span>
              ))}
            </dd>
          </div>
        )}
        {!!contact.emails?.length && (
          <div><dt>Email</dt><dd>{contact.emails.map((e) => <a key={e.address} href={`mailto:${e.address}`}>{e.address}</a>)}</dd></div>
        )}
        {!!contact.phones?.length && (
          <div><dt>Phone</dt><dd>{contact.phones.map((p) => <a key={p.number} href={`tel:${p.number}`}>{p.number}</a>)}</dd></div>
        )}
      </dl>
    </section>
  );
}

/**
 * Why Rapport expects a conversation when it does: the explicit cadence, or the learned one and from what. Without a
 * relationship (not known yet, or one that still reflects an older version of the contact) it is the contact's own
 * choice, as just saved.
 */
export function cadenceExplanation(r: Relationship | undefined, contact: Contact): string {
  const tier = contact.cadence?.tier as keyof typeof TIERS | undefined;
  if (r?.cadenceSource === 'CONTACT' || (!r && (tier || contact.cadence?.days))) {
    return tier ? `Every ${r?.cadenceDays ?? contact.cadence?.days} days: you put them in your ${TIERS[tier].split(' (')[0].toLowerCase()}.`
      : `Every ${r?.cadenceDays ?? contact.cadence?.days} days, as you chose.`;
  }
  if (r?.cadenceSource === 'LEARNED') {
    const gaps = (r.recentGapsDays ?? []).map((g) => Math.round(g));
    return `About every ${r.cadenceDays} days, learned from how often you have talked${gaps.length ? ` (recent gaps: ${gaps.join(', ')} days)` : ''}. Choose a rhythm to override it.`;
  }
  return 'No rhythm yet: Rapport learns one after a few conversations, or choose one when you edit.';
}

function KeepInTouch({ contactId, contact, version }: { contactId: string; contact: Contact; version: number }) {
  const relationship = useRelationship(contactId, version);
  const r = relationship.data;
  const behind = r !== undefined && (r.contactVersion ?? 0) < version;
  return (
    <section aria-labelledby="cadence-title" className="keep-in-touch">
      <h2 id="cadence-title">Keep in touch</h2>
      {r?.state && <p><span className={`state state-${r.state.toLowerCase()}`}>{STATES[r.state]}</span>{' '}
        {r.daysSinceLastTouch !== undefined && r.lastInteractionAt ? `last talked ${r.daysSinceLastTouch === 0 ? 'today' : `${r.daysSinceLastTouch} days ago`} (${formatDateTime(r.lastInteractionAt)})` : 'no conversation logged yet'}
        {r.nextDueOn && <> · next due {formatDate(r.nextDueOn)}</>}
      </p>}
      {relationship.isError && !(relationship.error instanceof ApiError && relationship.error.status === 404) && (
        <ErrorNote error={relationship.error} />
      )}
      {relationship.error instanceof ApiError && relationship.error.status === 404 && (
        <p className="hint">Rapport is still taking this contact in; its warmth shows here in a moment.</p>
      )}
      <p>{cadenceExplanation(behind ? undefined : r, contact)}</p>
      {behind && <p className="hint">Rapport is taking in your change; the next due date follows in a moment.</p>}
      {!!r?.recentGapsDays?.length && r.cadenceSource !== 'LEARNED' && (
        <p className="hint">Recent gaps between conversations: {r.recentGapsDays.map((g) => Math.round(g)).join(', ')} days.</p>
      )}
      {r?.cadenceOffer && !behind && (
        <CadenceOfferNote contactId={contactId} name={contact.displayName ?? 'them'} version={version} offer={r.cadenceOffer} />
      )}
    </section>
  );
}

/**
 * Snoozing learns: after three snoozes at one cadence, a longer one is offered. Taking it changes the contact's
 * cadence (a merge-patch on what the page read, If-Match); keeping the current one tells reminders-service to count
 * again.
 */
function CadenceOfferNote({ contactId, name, version, offer }: {
  contactId: string;
  name: string;
  version: number;
  offer: NonNullable<Relationship['cadenceOffer']>;
}) {
  const client = useQueryClient();
  const take = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await contactsApi.PATCH('/api/contacts/{id}', {
        params: { path: { id: contactId }, header: { 'If-Match': `"${version}"` } },
        body: { cadence: { tier: null, days: offer.suggestedDays } } as never, // a chosen tier gives way to the days
        headers: { 'Content-Type': 'application/merge-patch+json' },
      });
      if (!response.ok || !data) throw await toApiError(response, error);
      return { contact: data, version: etagVersion(response) ?? data.version ?? version + 1 };
    },
    onSuccess: (saved) => {
      client.setQueryData(keys.contact(contactId), saved);
      client.invalidateQueries({ queryKey: keys.contacts });
      client.invalidateQueries({ queryKey: keys.relationships });
    },
  });
  const keep = useMutation({
    mutationFn: () => unwrap(remindersApi.DELETE('/api/relationships/{contactId}/cadence-offer', { params: { path: { contactId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.relationship(contactId) }),
  });
  return (
    <div className="notice cadence-offer" role="group" aria-labelledby="cadence-offer-title">
      <p id="cadence-offer-title">
        You put off keeping in touch with {name} {offer.snoozes} times at every {offer.currentDays} days. Every{' '}
        {offer.suggestedDays} days instead?
      </p>
      <ErrorNote error={take.error ?? keep.error} />
      <div className="buttons">
        <button type="button" className="primary" disabled={take.isPending} onClick={() => take.mutate()}>
          Every {offer.suggestedDays} days
        </button>
        <button type="button" disabled={keep.isPending} onClick={() => keep.mutate()}>
          Keep every {offer.currentDays} days
        </button>
      </div>
    </div>
  );
}

/** The promises still open with this person, from every conversation you logged with them, overdue first. */
function OpenFollowUps({ contactId }: { contactId: string }) {
  const ledger = useLedger({ contactId, status: 'OPEN', size: 50 });
  const items = ledger.data?.items ?? [];
  const names = useContacts(items.flatMap((e) => e.participantIds ?? []));
  return (
    <section aria-labelledby="open-follow-ups-title">
      <h2 id="open-follow-ups-title">Open follow-ups</h2>
      <ErrorNote error={ledger.error} onRetry={() => ledger.refetch()} />
      {ledger.data && items.length === 0 && <p className="hint">Nothing open with them: no promise either way.</p>}
      <ul className="ledger">
        {items.map((entry) => <LedgerRow key={entry.followUpId} entry={entry} names={names} />)}
      </ul>
    </section>
  );
}

function EditContact({ id, edit, setEdit, done, latestVersion, isOwner }: {
  id: string;
  edit: EditDraft;
  setEdit: (next: EditDraft | null) => void;
  done: () => void;
  latestVersion: number;
  isOwner: boolean;
}) {
  const client = useQueryClient();
  const [stale, setStale] = useState<{ latest: Contact; version: number; changed: string[] }>();
  // The contact as editing began, read through the form's model like the edit, so only real changes count.
  const base = toDraft(fromContact(edit.base), edit.base);
  const patch = mergePatch(base, toDraft(edit.model, edit.base));
  const save = useMutation({
    mutationFn: async ({ onto }: { onto: number }) => {
      const { data, error, response } = await contactsApi.PATCH('/api/contacts/{id}', {
        params: { path: { id }, header: { 'If-Match': `"${onto}"` } },
        body: patch as never,
        headers: { 'Content-Type': 'application/merge-patch+json' },
      });
      if (!response.ok || !data) throw await toApiError(response, error);
      return { contact: data, version: etagVersion(response) ?? data.version ?? onto + 1 };
    },
    onSuccess: (saved) => {
      client.setQueryData(keys.contact(id), saved);
      client.invalidateQueries({ queryKey: keys.contacts });
      client.invalidateQueries({ queryKey: keys.relationships });
      setStale(undefined);
      done();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.stale) {
        const fresh = await client.fetchQuery({ ...contactQuery(id), staleTime: 0 });
        const theirs = mergePatch(base, toDraft(fromContact(fresh.contact), fresh.contact));
        setStale({ latest: fresh.contact, version: fresh.version, changed: Object.keys(theirs) });
      }
    },
  });
  const mine = Object.keys(patch);
  const onto = stale?.version ?? edit.baseVersion;
  return (
    <section aria-labelledby="edit-title" className="edit">
      <h2 id="edit-title">Edit {edit.base.displayName}</h2>
      {stale && (
        <div className="error-note" role="alert">
          <p>
            <strong>Someone changed this contact while you were editing</strong> ({stale.changed.length ? `they changed: ${stale.changed.join(', ')}` : 'nothing you can see changed'}).
            {' '}Your changes ({mine.join(', ') || 'none'}) are still here.
            {mine.some((f) => stale.changed.includes(f)) && ' Saving replaces their version of the fields you both changed.'}
          </p>
          <div className="buttons">
            <button type="button" className="primary" onClick={() => save.mutate({ onto: stale.version })}>Save my changes on top of theirs</button>
            <button type="button" onClick={() => { setStale(undefined); done(); client.setQueryData(keys.contact(id), { contact: stale.latest, version: stale.version }); }}>
              Discard mine, show theirs
            </button>
          </div>
        </div>
      )}
      <ContactForm
        value={edit.model}
        onChange={(model) => setEdit({ ...edit, model })}
        onSubmit={() => save.mutate({ onto: Math.max(onto, edit.baseVersion) })}
        error={save.error instanceof ApiError && save.error.stale ? undefined : save.error}
        pending={save.isPending}
        submitLabel="Save"
        canChangeVisibility={isOwner}
        startExpanded
        extraButtons={<button type="button" onClick={done}>Cancel</button>}
      />
      {latestVersion > edit.baseVersion && !stale && (
        <p className="hint">This contact has changed since you began editing; saving will tell you what changed.</p>
      )}
    </section>
  );
}

function Danger({ contact }: { contact: Contact }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const id = contact.id!;
  const archive = useMutation({
    mutationFn: () =>
      unwrap(contactsApi.POST(contact.archived ? '/api/contacts/{id}/unarchive' : '/api/contacts/{id}/archive', { params: { path: { id } } })),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.contacts });
      client.invalidateQueries({ queryKey: keys.relationships });
      client.invalidateQueries({ queryKey: keys.reminders });
    },
  });
  const erase = useMutation({
    mutationFn: () => unwrap(contactsApi.DELETE('/api/contacts/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      dialog.current?.close();
      client.removeQueries({ queryKey: keys.contact(id) });
      client.invalidateQueries({ queryKey: keys.contacts });
      client.invalidateQueries({ queryKey: keys.reminders });
      client.invalidateQueries({ queryKey: keys.relationships });
      client.invalidateQueries({ queryKey: keys.interactions });
      navigate('/contacts', { replace: true, state: { erased: contact.displayName } });
    },
  });
  return (
    <section aria-labelledby="danger-title" className="danger">
      <h2 id="danger-title">Archive or erase</h2>
      <p className="hint">Archiving hides {contact.displayName} from lists and reminders and keeps everything. Erasing removes them for good.</p>
      <div className="buttons">
        <button type="button" onClick={() => archive.mutate()} disabled={archive.isPending}>{contact.archived ? 'Unarchive' : 'Archive'}</button>
        <button type="button" className="danger-button" onClick={() => { setTyped(''); dialog.current?.showModal(); }}>Erase…</button>
      </div>
      <ErrorNote error={archive.error} />
      <dialog ref={dialog} className="panel" aria-labelledby="erase-title">
        <form onSubmit={(e) => { e.preventDefault(); erase.mutate(); }}>
          <h2 id="erase-title">Erase {contact.displayName}?</h2>
          <p>This cannot be undone. For everyone on your team, Rapport forgets:</p>
          <ul>
            <li>everything about {contact.displayName}: details, context, dates, how you met;</li>
            <li>them in every conversation logged with them: a conversation with nobody else is deleted, with its notes, what was learned and its follow-ups;</li>
            <li>their relationship history and every reminder about them;</li>
            <li>them as the person who introduced anyone.</li>
          </ul>
          <div className="field">
            <label htmlFor="erase-confirm">Type <strong>{contact.displayName}</strong> to confirm</label>
            <input id="erase-confirm" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
          </div>
          <ErrorNote error={erase.error} />
          <div className="buttons">
            <button type="submit" className="danger-button" disabled={typed.trim() !== contact.displayName?.trim() || erase.isPending}>
              {erase.isPending ? 'Erasing…' : 'Erase for good'}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>Keep {contact.displayName}</button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
