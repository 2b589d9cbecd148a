import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { FORMATS, importProgress, MAX_IMPORT_BYTES, useImports, useUpload } from '../api/imports';
import { ErrorNote } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { formatDateTime } from '../lib/format';
import { useQueryParams } from '../lib/queryParams';
import { useTitle } from '../lib/title';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;

/** Bring people in: pick an export from a phone, Google, Outlook or LinkedIn; the next page previews it. */
export function ImportPage() {
  useTitle('Import contacts');
  const navigate = useNavigate();
  const upload = useUpload();
  const [file, setFile] = useState<File>();
  const [params, update] = useQueryParams();
  const page = Number(params.get('page') ?? 0) || 0;
  const past = useImports(page);
  const tooLarge = file !== undefined && file.size > MAX_IMPORT_BYTES;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || tooLarge) return;
    upload.mutate(file, { onSuccess: (created) => navigate(`/import/${created.id}`) });
  };

  return (
    <div className="page narrow">
      <h1>Import contacts</h1>
      <p className="lede">
        From your phone or any address book (vCard, <code>.vcf</code>), Google Contacts or Outlook (CSV), or LinkedIn
        (<code>Connections.csv</code> from “Get a copy of your data”). You see what will happen to every person before
        anything is added, and you can undo an import afterwards.
      </p>
      <form className="box" onSubmit={submit} aria-describedby="import-limit">
        <div className={`field${tooLarge ? ' invalid' : ''}`}>
          <label htmlFor="import-file">File to import</label>
          <input id="import-file" type="file" accept=".vcf,.vcard,.csv,text/vcard,text/csv"
            aria-invalid={tooLarge || undefined} aria-describedby="import-limit"
            onChange={(event) => { upload.reset(); setFile(event.target.files?.[0]); }} />
          <p id="import-limit" className={tooLarge ? 'error' : 'hint'}>
            {tooLarge
              ? `This file is ${megabytes(file.size)}; the limit is ${megabytes(MAX_IMPORT_BYTES)}. Export fewer contacts at a time, or ask your operator to raise it.`
              : `Up to ${megabytes(MAX_IMPORT_BYTES)}. UTF-8, UTF-16 and Windows-1252 (as Outlook writes it) are all fine.`}
          </p>
        </div>
        <ErrorNote error={upload.error} onRetry={() => file && upload.mutate(file)} />
        <div className="buttons">
          <button type="submit" className="primary" disabled={!file || tooLarge || upload.isPending}>
            {upload.isPending ? 'Reading the file…' : 'Preview import'}
          </button>
          <Link to="/contacts">Back to contacts</Link>
        </div>
      </form>

      <section aria-labelledby="past-imports">
        <h2 id="past-imports">Your imports</h2>
        <ErrorNote error={past.error} onRetry={() => past.refetch()} />
        {past.data && (past.data.items ?? []).length === 0 && <p className="empty">None yet.</p>}
        <ul className="contact-list">
          {(past.data?.items ?? []).map((found) => (
            <li key={found.id}>
              <Link to={`/import/${found.id}`}>
                <span className="name">{found.fileName || 'Unnamed file'}</span>
                <span className="sub">
                  {[found.format && FORMATS[found.format], `${(found.totalRows ?? 0).toLocaleString()} rows`, found.createdAt && formatDateTime(found.createdAt)]
                    .filter(Boolean).join(' · ')}
                </span>
              </Link>
              <span className="meta">{importProgress(found).label}</span>
            </li>
          ))}
        </ul>
        <Pager label="Import pages" page={page} totalPages={past.data?.totalPages} totalItems={past.data?.totalItems}
          onPage={(p) => update({ page: p ? String(p) : undefined })} />
      </section>
    </div>
  );
}
