import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The call to complete the follow-up stays under way for the whole test: what it checks is the state in between.
const fetchNeverAnswering = vi.hoisted(() => {
  const fetch = () => new Promise<Response>(() => {});
  globalThis.fetch = fetch as typeof globalThis.fetch;
  return fetch;
});

const { FollowUpItem } = await import('./Timeline');

afterEach(cleanup);

describe('a follow-up switch', () => {
  it('shows the new state as soon as it is clicked, while the call is under way', () => {
    expect(globalThis.fetch).toBe(fetchNeverAnswering);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ul>
          <FollowUpItem interactionId="i-1" followUp={{ id: 'f-1', owedBy: 'ME', text: 'Send her the Babbage notes' }} />
        </ul>
      </QueryClientProvider>,
    );
    const box = screen.getByRole('checkbox', { name: /Send her the Babbage notes/ });
    expect((box as HTMLInputElement).checked).toBe(false);
    fireEvent.click(box);
    expect((box as HTMLInputElement).checked).toBe(true);
    expect((box as HTMLInputElement).disabled).toBe(true);
  });
});
