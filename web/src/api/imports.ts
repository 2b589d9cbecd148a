import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from './generated/contacts';
import { contactsApi, unwrap } from './http';
import { keys } from './rapport';

export type ContactImport = components['schemas']['ContactImport'];
export type ImportRow = components['schemas']['ImportRow'];
export type Outcome = NonNullable<ImportRow['outcome']>;

/** contacts-service's limit (RAPPORT_MAX_IMPORT_SIZE, the same at the gateway): said before a larger file is sent. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const FORMATS: Record<NonNullable<ContactImport['format']>, string> = {
  VCARD: 'vCard',
  GOOGLE_CSV: 'Google Contacts CSV',
  OUTLOOK_CSV: 'Outlook CSV',
  LINKEDIN_CSV: 'LinkedIn connections',
};

export const OUTCOMES: Record<Outcome, string> = {
  CREATE: 'New',
  EXISTING: 'Already here',
  INVALID: 'Invalid',
};

/** Where an import is, in words and as a share of its rows, for the progress bar and its live announcement. */
export function importProgress(found: ContactImport): { label: string; done: number; total: number; working: boolean } {
  const total = found.totalRows ?? 0;
  const results = found.results ?? {};
  switch (found.status) {
    case 'RUNNING':
      return { label: `Importing: ${(found.rowsDone ?? 0).toLocaleString()} of ${total.toLocaleString()} rows`, done: found.rowsDone ?? 0, total, working: true };
    case 'UNDOING': {
      const undone = (results.undone ?? 0) + (results.kept ?? 0);
      const created = undone + (results.created ?? 0);
      return { label: `Undoing: ${undone.toLocaleString()} of ${created.toLocaleString()} contacts`, done: undone, total: created, working: true };
    }
    case 'DONE':
      return {
        label: `Done: ${(results.created ?? 0).toLocaleString()} created, ${(results.skipped ?? 0).toLocaleString()} already here, ${(results.invalid ?? 0).toLocaleString()} invalid`,
        done: total, total, working: false,
      };
    case 'UNDONE':
      return {
        label: `Undone: ${(results.undone ?? 0).toLocaleString()} removed${results.kept ? `, ${results.kept.toLocaleString()} kept because they were edited since` : ''}`,
        done: total, total, working: false,
      };
    default:
      return { label: 'Not imported yet: check the preview, then import', done: 0, total, working: false };
  }
}

const importKeys = {
  all: ['imports'] as const,
  list: (page: number) => ['imports', 'list', page] as const,
  one: (id: string) => ['imports', 'one', id] as const,
  rows: (id: string, outcome: Outcome | undefined, page: number, progress: string) =>
    ['imports', 'rows', id, outcome ?? 'ALL', page, progress] as const,
};

export function useImports(page: number) {
  return useQuery({
    queryKey: importKeys.list(page),
    queryFn: () => unwrap(contactsApi.GET('/api/imports', { params: { query: { page, size: 10 } } })),
    placeholderData: keepPreviousData,
  });
}

/** One import, asked again every second while its job runs, so the progress bar moves. */
export function useImport(id: string) {
  return useQuery({
    queryKey: importKeys.one(id),
    queryFn: () => unwrap(contactsApi.GET('/api/imports/{id}', { params: { path: { id } } })),
    retry: (failures, error) => failures < 3 && (error as { status?: number }).status !== 404,
    refetchInterval: (query) => (query.state.data && importProgress(query.state.data).working ? 1000 : false),
  });
}

/** A page of an import's rows; `progress` names how far its job had got, so the rows are read again as it moves. */
export function useImportRows(id: string, outcome: Outcome | undefined, page: number, progress: string) {
  return useQuery({
    queryKey: importKeys.rows(id, outcome, page, progress),
    queryFn: () => unwrap(contactsApi.GET('/api/imports/{id}/rows', { params: { path: { id }, query: { outcome, page, size: 25 } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * The upload's Content-Type: the browser's guess when it is one the service names (text/csv, text/vcard), else
 * application/octet-stream, since browsers call a CSV `application/vnd.ms-excel` on Windows and a .vcf
 * `text/x-vcard`, and the service tells the format from the bytes anyway.
 */
export function uploadType(file: { type: string }): string {
  return file.type === 'text/csv' || file.type === 'text/vcard' ? file.type : 'application/octet-stream';
}

/**
 * Sends the file as the request's body, as it is (the service tells the format and encoding from the bytes), with
 * its name. An upload makes only a preview, so sending it twice is harmless: the second says it is the same file.
 */
export function useUpload() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        contactsApi.POST('/api/imports', {
          params: { query: { fileName: file.name.slice(0, 255) } },
          body: file as unknown as string,
          bodySerializer: (body) => body as unknown as BodyInit,
          headers: { 'Content-Type': uploadType(file) },
        }),
      ),
    onSuccess: (created) => {
      client.invalidateQueries({ queryKey: importKeys.all });
      if (created.id) client.setQueryData(importKeys.one(created.id), created);
    },
  });
}

/** Confirm and undo are idempotent on the service (confirming again or undoing again changes nothing). */
export function useImportAction(id: string, action: 'confirm' | 'undo') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        action === 'confirm'
          ? contactsApi.POST('/api/imports/{id}/confirm', { params: { path: { id } } })
          : contactsApi.POST('/api/imports/{id}/undo', { params: { path: { id } } }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(importKeys.one(id), updated);
      client.invalidateQueries({ queryKey: importKeys.all });
      client.invalidateQueries({ queryKey: keys.contacts });
    },
  });
}
