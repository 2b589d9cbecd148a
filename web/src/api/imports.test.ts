import { describe, expect, it } from 'vitest';
import { importProgress, uploadType, type ContactImport } from './imports';

const base: ContactImport = { id: 'i', totalRows: 1200, rowsDone: 0, preview: { create: 1000, existing: 150, invalid: 50 } };

describe('importProgress', () => {
  it('says a preview has not imported anything and needs no polling', () => {
    expect(importProgress({ ...base, status: 'PREVIEW' })).toMatchObject({ working: false, done: 0 });
  });

  it('counts a running job by the rows it has dealt with, and asks to be polled', () => {
    const running = importProgress({ ...base, status: 'RUNNING', rowsDone: 500 });
    expect(running).toMatchObject({ working: true, done: 500, total: 1200 });
    expect(running.label).toContain('500 of 1,200');
  });

  it('counts an undo by the created contacts it has removed or kept', () => {
    const undoing = importProgress({ ...base, status: 'UNDOING', results: { created: 600, undone: 300, kept: 100 } });
    expect(undoing).toMatchObject({ working: true, done: 400, total: 1000 });
  });

  it('tells what a finished job and a finished undo did', () => {
    expect(importProgress({ ...base, status: 'DONE', results: { created: 1000, skipped: 150, invalid: 50 } }).label)
      .toBe('Done: 1,000 created, 150 already here, 50 invalid');
    const undone = importProgress({ ...base, status: 'UNDONE', results: { undone: 998, kept: 2 } });
    expect(undone.working).toBe(false);
    expect(undone.label).toContain('2 kept');
  });
});

describe('uploadType', () => {
  it('keeps the types the service names and sends anything else as bytes', () => {
    expect(uploadType({ type: 'text/csv' })).toBe('text/csv');
    expect(uploadType({ type: 'text/vcard' })).toBe('text/vcard');
    expect(uploadType({ type: 'application/vnd.ms-excel' })).toBe('application/octet-stream');
    expect(uploadType({ type: 'text/x-vcard' })).toBe('application/octet-stream');
    expect(uploadType({ type: '' })).toBe('application/octet-stream');
  });
});
