import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The API as the handoff needs it: no single-owner risks, no contacts, and a handoff that hands two contacts over.
// The client calls relative URLs, as in the browser; Node's Request needs an origin for them.
const sent = vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' && input.startsWith('/') ? `http://localhost${input}` : input, init);
    }
  } as typeof Request;
  const requests: { method: string; url: string; body: string; key: string | null }[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  globalThis.fetch = (async (input: Request) => {
    const request = input instanceof Request ? input : new Request(input);
    requests.push({ method: request.method, url: request.url, body: await request.clone().text(), key: request.headers.get('Idempotency-Key') });
    if (request.url.includes('/api/interactions/single-owner-risks')) return json({ items: [], page: 0, size: 100, totalItems: 0, totalPages: 0, totalExact: true });
    if (request.url.includes('/api/contacts/handoff')) {
      return json({ handoffId: 'h-1', fromMemberId: 'ada', toMemberId: 'grace', byMemberId: 'me', handedOffAt: '2026-12-03T09:00:00Z', handedOff: 2, contactIds: ['c-1', 'c-2'] });
    }
    return json({ items: [] });
  }) as typeof globalThis.fetch;
  return requests;
});

const { HandOver } = await import('./HandOver');

afterEach(cleanup);

describe('handing relationships over', () => {
  it('asks to confirm, then sends one keyed request and says what it did', async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <HandOver meId="me" members={[{ id: 'me', displayName: 'Me' }, { id: 'ada', displayName: 'Ada' }, { id: 'grace', displayName: 'Grace' }]} />
      </QueryClientProvider>,
    );
    const handOver = screen.getByRole('button', { name: 'Hand over…' }) as HTMLButtonElement;
    expect(handOver.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: 'grace' } });
    fireEvent.click(handOver);

    expect(screen.getByRole('alertdialog').textContent).toContain("Hand all of Ada's contacts to Grace?");
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Hand over' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Handed 2 contacts from Ada to Grace.'));
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0].body)).toEqual({ fromMemberId: 'ada', toMemberId: 'grace' });
    expect(posts[0].key).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}$/);
  });
});
