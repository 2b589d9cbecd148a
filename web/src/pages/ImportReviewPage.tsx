import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { FORMATS, importProgress, OUTCOMES, useImport, useImportAction, useImportRows, type ContactImport, type Outcome } from '../api/imports';
import { ApiError } from '../api/problem';
import { ErrorNote } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { formatDateTime } from '../lib/format';
import { useQueryParams } from '../lib/queryParams';
import { useTitle } from '../lib/title';

/** One import: its preview row by row, then the job's progress, its results and the way back (undo). */
export function ImportReviewPage() {
  const { id = '' } = useParams();
  const found = useImport(id);
  useTitle(found.data ? `Import of ${found.data.fileName || 'a file'}` : 'Import');

  if (found.isPending) return <p className="loading">Loading…</p>;
  if (found.error || !found.data) {
    const missing = found.error instanceof ApiError && found.error.status === 404;
    return (
      <div className="page">
        <h1>{missing ? 'No such import' : 'This import could not be loaded'}</h1>
        {missing ? <p>Imports are their member's own. <Link to="/import">Your imports</Link></p> : <ErrorNote error={found.error} onRetry={() => found.refetch()} />}
      </div>
    );
  }
  const current = found.data;
  return (
    <div className="page">
      <h1>Import of {current.fileName || 'a file'}</h1>
      <p className="lede">
        {[current.format && FORMATS[current.format], current.encoding, `${(current.totalRows ?? 0).toLocaleString()} people in the file`, current.createdAt && `read ${formatDateTime(current.createdAt)}`]
          .filter(Boolean).join(' · ')}
      </p>
      {current.sameFileAs && (
        <p className="notice">
          You imported this very file before (<Link to={`/import/${current.sameFileAs}`}>that import</Link>): the people
          in it show as already here, so importing it again adds nobody twice.
        </p>
      )}
      <ImportStatus current={current} />
      <Rows id={id} current={current} />
    </div>
  );
}

function ImportStatus({ current }: { current: ContactImport }) {
  const id = current.id ?? '';
  const confirm = useImportAction(id, 'confirm');
  const undo = useImportAction(id, 'undo');
  const dialog = useRef<HTMLDialogElement>(null);
  const progress = importProgress(current);
  const preview = current.preview ?? {};
  const tagLink = current.tag ? `/contacts?tag=${encodeURIComponent(current.tag)}&archived=ALL` : undefined;

  return (
    <section className="box" aria-labelledby="import-status-title">
      <h2 id="import-status-title">{current.status === 'PREVIEW' ? 'What will happen' : 'Progress'}</h2>
      <dl className="figures">
        <div><dt>New contacts</dt><dd>{(preview.create ?? 0).toLocaleString()}</dd></div>
        <div><dt>Already in Rapport</dt><dd>{(preview.existing ?? 0).toLocaleString()}</dd></div>
        <div><dt>Invalid, left out</dt><dd>{(preview.invalid ?? 0).toLocaleString()}</dd></div>
      </dl>
      {progress.working && <progress max={Math.max(progress.total, 1)} value={progress.done} aria-labelledby="import-progress" />}
      <p id="import-progress" aria-live="polite">{progress.label}</p>
      {current.tag && current.status !== 'PREVIEW' && (
        <p>Every contact it creates is tagged <span className="tag">{current.tag}</span>{tagLink && <> — <Link to={tagLink}>see them</Link></>}.</p>
      )}
      <ErrorNote error={confirm.error ?? undo.error} onRetry={() => (confirm.error ? confirm.mutate() : undo.mutate())} />
      <div className="buttons">
        {current.status === 'PREVIEW' && (
          <button type="button" className="primary" disabled={confirm.isPending || !preview.create} onClick={() => confirm.mutate()}>
            {preview.create ? `Import ${preview.create.toLocaleString()} ${preview.create === 1 ? 'contact' : 'contacts'}` : 'Nobody new to import'}
          </button>
        )}
        {current.status === 'DONE' && (current.results?.created ?? 0) > 0 && (
          <button type="button" className="danger-button" onClick={() => dialog.current?.showModal()}>Undo this import…</button>
        )}
        <Link to="/import">Your imports</Link>
      </div>
      <dialog ref={dialog} className="panel" aria-labelledby="undo-title">
        <h2 id="undo-title">Undo this import?</h2>
        <p>
          The {(current.results?.created ?? 0).toLocaleString()} contacts it created are erased, with anything logged with
          them since. A contact someone edited after the import is kept. Nothing else is touched.
        </p>
        <div className="buttons">
          <button type="button" className="danger-button" onClick={() => { dialog.current?.close(); undo.mutate(); }}>Undo the import</button>
          <button type="button" autoFocus onClick={() => dialog.current?.close()}>Keep them</button>
        </div>
      </dialog>
    </section>
  );
}

const STATE_LABELS: Record<string, string> = {
  PENDING: 'waiting',
  CREATED: 'created',
  SKIPPED: 'skipped',
  INVALID: 'left out',
  UNDONE: 'undone',
  KEPT: 'kept (edited since)',
};

function Rows({ id, current }: { id: string; current: ContactImport }) {
  const [params, update] = useQueryParams();
  const outcome = (params.get('outcome') || undefined) as Outcome | undefined;
  const page = Number(params.get('page') ?? 0) || 0;
  // While the job runs the rows' states change: they are read again whenever the import has moved on.
  const rows = useImportRows(id, outcome, page, `${current.status}:${current.rowsDone}:${current.results?.undone ?? 0}`);
  const items = rows.data?.items ?? [];
  return (
    <section aria-labelledby="rows-title">
      <h2 id="rows-title">Row by row</h2>
      <div className="tabs" role="group" aria-label="Show rows">
        <button type="button" aria-pressed={!outcome} onClick={() => update({ outcome: undefined })}>All</button>
        {(Object.keys(OUTCOMES) as Outcome[]).map((o) => (
          <button key={o} type="button" aria-pressed={outcome === o} onClick={() => update({ outcome: o })}>{OUTCOMES[o]}</button>
        ))}
      </div>
      <ErrorNote error={rows.error} onRetry={() => rows.refetch()} />
      {rows.data && items.length === 0 && <p className="empty">No rows of this kind.</p>}
      <table className="import-rows">
        <caption className="visually-hidden">The file's people, in order</caption>
        <thead>
          <tr><th scope="col">Row</th><th scope="col">Person</th><th scope="col">Email</th><th scope="col">Preview</th><th scope="col">Why</th><th scope="col">Now</th></tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.row} className={`outcome-${row.outcome?.toLowerCase()}`}>
              <td>{row.row}</td>
              <th scope="row">
                {row.contactId ? <Link to={`/contacts/${row.contactId}`}>{row.contact?.displayName || '(no name)'}</Link> : row.contact?.displayName || '(no name)'}
                {(row.contact?.company || row.contact?.title) && <span className="sub"> · {[row.contact?.title, row.contact?.company].filter(Boolean).join(', ')}</span>}
              </th>
              <td>{row.contact?.emails?.[0]?.address ?? ''}</td>
              <td><span className={`badge outcome-badge-${row.outcome?.toLowerCase()}`}>{row.outcome ? OUTCOMES[row.outcome] : ''}</span></td>
              <td>{row.reason ?? ''}</td>
              <td>{row.state ? STATE_LABELS[row.state] ?? row.state.toLowerCase() : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="Row pages" page={page} totalPages={rows.data?.totalPages} totalItems={rows.data?.totalItems}
        totalExact={rows.data?.totalExact} onPage={(p) => update({ page: p ? String(p) : undefined })} />
    </section>
  );
}
