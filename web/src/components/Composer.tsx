import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { contactsApi, interactionsApi, timeZone, unwrap } from '../api/http';
import { idempotencyKey, newRequestSalt, shouldRetryKeyedWrite } from '../api/idempotency';
import { ApiError } from '../api/problem';
import { keys, type InteractionDraft } from '../api/rapport';
import { hasDraft, useDraft } from '../lib/drafts';
import { INTERACTION_TYPES, instantFromLocal, localDateTimeValue, type InteractionType } from '../lib/format';
import { ContactPicker, type Participant } from './ContactPicker';
import { ErrorNote, fieldError } from './ErrorNote';
import { Field } from './Field';

interface FollowUpRow {
  text: string;
  owedBy: 'ME' | 'THEM';
  dueOn: string;
}

interface ComposerDraft {
  participants: Participant[];
  type: InteractionType;
  /** datetime-local value in the browser's zone; empty means now. */
  when: string;
  summary: string;
  learned: string;
  questions: string;
  followUps: FollowUpRow[];
  notes: string;
  /** The random part of this draft's Idempotency-Keys (kept with the draft, so a resend after a reload is one too). */
  salt?: string;
}

const DRAFT_KEY = 'composer';

/** Set while the composer is open, so a sign-in round trip (a page reload) opens it again with its draft. */
const OPEN_FLAG = 'rapport.composer.open';

const emptyDraft = (participants: Participant[] = []): ComposerDraft => ({
  participants,
  type: 'COFFEE_OR_MEAL',
  when: '',
  summary: '',
  learned: '',
  questions: '',
  followUps: [],
  notes: '',
  salt: newRequestSalt(),
});

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** The draft as the interactions API takes it; participants must all have an id by now. */
export function toInteractionDraft(draft: ComposerDraft): InteractionDraft {
  return {
    participantIds: draft.participants.map((p) => p.id!),
    type: draft.type,
    // Left out when the person did not change it: the server's now (its clock, not this computer's).
    happenedAt: (draft.when ? instantFromLocal(draft.when) : undefined) as string,
    timeZone,
    summary: draft.summary.trim() || undefined,
    learned: lines(draft.learned),
    questions: lines(draft.questions),
    followUps: draft.followUps
      .filter((f) => f.text.trim())
      .map((f) => ({ text: f.text.trim(), owedBy: f.owedBy, dueOn: f.dueOn || undefined })),
    notes: draft.notes.trim() || undefined,
  };
}

interface ComposerApi {
  open: (participants?: Participant[]) => void;
}

const ComposerContext = createContext<ComposerApi>({ open: () => {} });

export function useComposer(): ComposerApi {
  return useContext(ComposerContext);
}

/** Hosts the log composer: one dialog for the whole app, opened with `l` or a button, prefilled from a page. */
export function ComposerProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [prefill, setPrefill] = useState<Participant[] | undefined>();
  const [generation, setGeneration] = useState(0);
  const open = useCallback((participants?: Participant[]) => {
    setPrefill(participants);
    setGeneration((g) => g + 1);
    sessionStorage.setItem(OPEN_FLAG, '1');
    dialog.current?.showModal();
  }, []);
  const api = useMemo(() => ({ open }), [open]);
  // Back from a sign-in round trip with a conversation half written: open it again.
  useEffect(() => {
    if (sessionStorage.getItem(OPEN_FLAG) && hasDraft(DRAFT_KEY)) dialog.current?.showModal();
  }, []);
  return (
    <ComposerContext.Provider value={api}>
      {children}
      <dialog ref={dialog} className="panel composer" aria-labelledby="composer-title"
        onClose={() => sessionStorage.removeItem(OPEN_FLAG)}>
        <ComposerForm key={generation} prefill={prefill} close={() => dialog.current?.close()} />
      </dialog>
    </ComposerContext.Provider>
  );
}

function ComposerForm({ prefill, close }: { prefill?: Participant[]; close: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft, clearDraft] = useDraft<ComposerDraft>(DRAFT_KEY, () => emptyDraft());
  const [showMore, setShowMore] = useState(false);
  const [saved, setSaved] = useState<string>();

  useEffect(() => {
    if (prefill?.length) {
      setDraft((d) => ({
        ...d,
        participants: [...d.participants, ...prefill.filter((p) => !d.participants.some((q) => q.id === p.id))],
      }));
    }
    // Once, when the composer opens with a prefill (a new form each opening).
  }, []);

  const log = useMutation({
    mutationFn: async (current: ComposerDraft) => {
      // New people first, one by one; each id goes into the draft at once so a retry creates nobody twice (and
      // each create has its Idempotency-Key, for the one whose answer was lost).
      const salt = current.salt ?? '';
      let participants = current.participants;
      for (const [i, p] of participants.entries()) {
        if (p.id) continue;
        const body = { displayName: p.name };
        const created = await unwrap(
          contactsApi.POST('/api/contacts', { body, params: { header: { 'Idempotency-Key': idempotencyKey(`${salt}.${i}`, body) } } }),
        ).catch((error: unknown) => {
          throw error instanceof ApiError ? new ApiError(error.status, { ...error.problem, detail: `Could not add ${p.name}: ${error.message}` }) : error;
        });
        participants = participants.map((q, j) => (j === i ? { id: created.id, name: created.displayName ?? p.name } : q));
        setDraft((d) => ({ ...d, participants }));
      }
      const body = toInteractionDraft({ ...current, participants });
      return unwrap(interactionsApi.POST('/api/interactions', { body, params: { header: { 'Idempotency-Key': idempotencyKey(salt, body) } } }));
    },
    retry: shouldRetryKeyedWrite,
    onSuccess: async () => {
      const names = draft.participants.map((p) => p.name).join(', ');
      clearDraft();
      setSaved(`Logged with ${names}.`);
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.interactions }),
        client.invalidateQueries({ queryKey: keys.contacts }),
        client.invalidateQueries({ queryKey: keys.reminders }),
        client.invalidateQueries({ queryKey: keys.relationships }),
      ]);
      // The relationship is recomputed from the event a moment later: refresh once more then.
      setTimeout(() => {
        client.invalidateQueries({ queryKey: keys.reminders });
        client.invalidateQueries({ queryKey: keys.relationships });
      }, 1500);
      close();
    },
  });

  const error = log.error;
  const set = <K extends keyof ComposerDraft>(key: K, value: ComposerDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setFollowUp = (i: number, change: Partial<FollowUpRow>) =>
    set('followUps', draft.followUps.map((f, j) => (j === i ? { ...f, ...change } : f)));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (log.isPending) return;
    setSaved(undefined);
    log.mutate(draft);
  }

  return (
    <form onSubmit={submit} onKeyDown={(event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
    }} noValidate>
      <h2 id="composer-title">Log a conversation</h2>
      {saved && <p role="status">{saved}</p>}
      <Field label="With" error={fieldError(error, 'participantIds') ?? (draft.participants.length === 0 && log.isError ? 'Pick someone' : undefined)}
        hint="Pick several people if several were there; a name nobody has yet adds a new contact.">
        {(props) => (
          <ContactPicker
            inputId={props.id}
            describedBy={props['aria-describedby']}
            invalid={props['aria-invalid']}
            value={draft.participants}
            onChange={(participants) => set('participants', participants)}
            autoFocus
          />
        )}
      </Field>
      <div className="row">
        <Field label="Type" error={fieldError(error, 'type')}>
          {(props) => (
            <select {...props} value={draft.type} onChange={(e) => set('type', e.target.value as InteractionType)}>
              {Object.entries(INTERACTION_TYPES).map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="When" error={fieldError(error, 'happenedAt')} hint={draft.when ? `Your time zone: ${timeZone}` : 'Now, unless you change it'}>
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              value={draft.when || localDateTimeValue(new Date())}
              max={localDateTimeValue(new Date(Date.now() + 86_400_000))}
              onChange={(e) => set('when', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label="Summary" error={fieldError(error, 'summary')}>
        {(props) => (
          <input {...props} value={draft.summary} maxLength={500} placeholder="Coffee: she is moving to Turin"
            onChange={(e) => set('summary', e.target.value)} />
        )}
      </Field>
      <Field label="What you learned" hint="One thing a line." error={firstUnder(error, 'learned')}>
        {(props) => (
          <textarea {...props} rows={2} value={draft.learned} onChange={(e) => set('learned', e.target.value)} />
        )}
      </Field>
      <Field label="Questions for next time" hint="One question a line." error={firstUnder(error, 'questions')}>
        {(props) => (
          <textarea {...props} rows={2} value={draft.questions} onChange={(e) => set('questions', e.target.value)} />
        )}
      </Field>
      <fieldset className="follow-ups">
        <legend>Follow-ups</legend>
        {draft.followUps.map((f, i) => {
          const errors = error instanceof ApiError ? error.fieldErrorsUnder(`followUps[${i}].`) : {};
          return (
            <div className="follow-up-row" key={i}>
              <Field label={`Follow-up ${i + 1}`} error={errors.text}>
                {(props) => <input {...props} value={f.text} onChange={(e) => setFollowUp(i, { text: e.target.value })} />}
              </Field>
              <Field label="Who owes it">
                {(props) => (
                  <select {...props} value={f.owedBy} onChange={(e) => setFollowUp(i, { owedBy: e.target.value as 'ME' | 'THEM' })}>
                    <option value="ME">I do</option>
                    <option value="THEM">They do</option>
                  </select>
                )}
              </Field>
              <Field label="Due" error={errors.dueOn}>
                {(props) => <input {...props} type="date" value={f.dueOn} onChange={(e) => setFollowUp(i, { dueOn: e.target.value })} />}
              </Field>
              <button type="button" className="link" onClick={() => set('followUps', draft.followUps.filter((_, j) => j !== i))}
                aria-label={`Remove follow-up ${i + 1}`}>
                Remove
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => set('followUps', [...draft.followUps, { text: '', owedBy: 'ME', dueOn: '' }])}>
          Add a follow-up
        </button>
      </fieldset>
      <button type="button" className="link" aria-expanded={showMore} onClick={() => setShowMore((s) => !s)}>
        {showMore ? 'Fewer details' : 'Private notes'}
      </button>
      {showMore && (
        <Field label="Private notes" hint="Only you see these." error={fieldError(error, 'notes')}>
          {(props) => <textarea {...props} rows={3} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />}
        </Field>
      )}
      <ErrorNote error={error} shownFields={['participantIds', 'type', 'happenedAt', 'summary', 'learned', 'questions', 'followUps', 'notes']}
        onRetry={() => log.mutate(draft)} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={log.isPending || draft.participants.length === 0}>
          {log.isPending ? 'Saving…' : 'Log it'} <kbd aria-hidden="true">Ctrl+Enter</kbd>
        </button>
        <button type="button" onClick={close}>Close (keeps the draft)</button>
        <button type="button" className="link" onClick={() => { clearDraft(); log.reset(); }}>Discard</button>
      </div>
    </form>
  );
}

function firstUnder(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.problem.errors?.find((e) => e.field.startsWith(`${field}[`));
  return found ? `Line ${Number(found.field.slice(field.length + 1, found.field.indexOf(']'))) + 1}: ${found.message}` : undefined;
}
