import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { describeMatches, useDuplicates, useMerge, type DuplicatePair } from '../api/duplicates';
import type { Contact } from '../api/rapport';
import { ErrorNote } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { formatDateTime } from '../lib/format';
import { useQueryParams } from '../lib/queryParams';
import { useTitle } from '../lib/title';

/** Which of a pair is kept: the survivor, and the duplicate merged into it. */
interface Choice {
  survivor: Contact;
  duplicate: Contact;
}

/** One side of a pair: what tells two records apart when deciding which to keep. */
function Side({ contact, onKeep }: { contact: Contact; onKeep: () => void }) {
  return (
    <section className="box duplicate-side" aria-label={contact.displayName}>
      <h3><Link to={`/contacts/${contact.id}`}>{contact.displayName}</Link></h3>
      <dl className="facts">
        {(contact.title || contact.company) && <div><dt>Works</dt><dd>{[contact.title, contact.company].filter(Boolean).join(' · ')}</dd></div>}
        {!!contact.emails?.length && <div><dt>Email</dt><dd>{contact.emails.map((e) => e.address).join(', ')}</dd></div>}
        {!!contact.phones?.length && <div><dt>Phone</dt><dd>{contact.phones.map((p) => p.number).join(', ')}</dd></div>}
        {!!contact.tags?.length && <div><dt>Tags</dt><dd>{contact.tags.join(', ')}</dd></div>}
        <div><dt>Added</dt><dd>{formatDateTime(contact.createdAt)}</dd></div>
        <div><dt>Seen by</dt><dd>{contact.visibility === 'TEAM' ? 'the team' : 'you only'}</dd></div>
      </dl>
      <button type="button" aria-label={`Keep this one, ${contact.displayName}`} onClick={onKeep}>Keep this one</button>
    </section>
  );
}

function PairCard({ pair, onKeep }: { pair: DuplicatePair; onKeep: (choice: Choice) => void }) {
  const { first, second } = pair;
  if (!first || !second) return null;
  return (
    <article className="duplicate-pair" aria-label={`${first.displayName} and ${second.displayName}`}>
      <h2 className="why">{describeMatches(pair.matches)}</h2>
      <div className="pair">
        <Side contact={first} onKeep={() => onKeep({ survivor: first, duplicate: second })} />
        <Side contact={second} onKeep={() => onKeep({ survivor: second, duplicate: first })} />
      </div>
    </article>
  );
}

/**
 * Likely duplicates among the contacts you can see, a pair at a time: choose the one to keep, confirm, and the other
 * is merged into it (its conversations, follow-ups and history with it).
 */
export function DuplicatesPage() {
  useTitle('Possible duplicates');
  const [params, update] = useQueryParams();
  const page = Number(params.get('page') ?? 0) || 0;
  const duplicates = useDuplicates(page);
  const merge = useMerge();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [merged, setMerged] = useState<Choice | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const pairs = duplicates.data?.items ?? [];

  const ask = (next: Choice) => {
    setChoice(next);
    merge.reset();
    dialog.current?.showModal();
  };
  const confirm = () => {
    if (!choice) return;
    dialog.current?.close();
    merge.mutate(
      { survivorId: choice.survivor.id ?? '', duplicateId: choice.duplicate.id ?? '' },
      { onSuccess: () => setMerged(choice) },
    );
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Possible duplicates</h1>
        <div className="buttons"><Link className="button" to="/contacts">Back to contacts</Link></div>
      </div>
      <p className="lede">
        People you can see who look like one person: the same email or phone, or the same name at the same company.
        Keep one and the other is merged into it.
      </p>
      <div aria-live="polite">
        {merged && !merge.isPending && !merge.error && (
          <p className="notice" role="status">
            Merged {merged.duplicate.displayName} into <Link to={`/contacts/${merged.survivor.id}`}>{merged.survivor.displayName}</Link>:
            one record, one timeline.
          </p>
        )}
        {merge.isPending && <p role="status">Merging…</p>}
      </div>
      <ErrorNote error={merge.error} />
      <ErrorNote error={duplicates.error} onRetry={() => duplicates.refetch()} />
      {duplicates.data && pairs.length === 0 && (
        <div className="empty"><p>No likely duplicates among the contacts you can see.</p></div>
      )}
      <div className="duplicate-list">
        {pairs.map((pair) => (
          <PairCard key={`${pair.first?.id}-${pair.second?.id}`} pair={pair} onKeep={ask} />
        ))}
      </div>
      <Pager label="Duplicate pages" page={page} totalPages={duplicates.data?.totalPages} totalItems={duplicates.data?.totalItems}
        totalExact={duplicates.data?.totalExact} onPage={(next) => update({ page: next ? String(next) : undefined })} />
      <dialog ref={dialog} className="panel" aria-labelledby="merge-title">
        <h2 id="merge-title">Merge {choice?.duplicate.displayName} into {choice?.survivor.displayName}?</h2>
        <p>
          {choice?.survivor.displayName}'s details win where both have one; {choice?.duplicate.displayName}'s fill the
          gaps, and emails, phones, tags and dates are combined. Conversations, follow-ups and the relationship's
          history move over. {choice?.duplicate.displayName} is then gone: this cannot be undone.
        </p>
        <div className="buttons">
          <button type="button" className="primary" onClick={confirm}>Merge</button>
          <button type="button" autoFocus onClick={() => dialog.current?.close()}>Cancel</button>
        </div>
      </dialog>
    </div>
  );
}
