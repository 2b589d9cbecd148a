import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { interactionsApi, unwrap } from './http';
import { keys } from './rapport';

/**
 * Marks a follow-up done or open again (the interactions service owns it; the reminder about it follows by event).
 * `shown` is the state to display: the new one from the click until the call and the refetch after it are over.
 * It is set in the click's own event: the mutation's pending state reaches React a tick later, and a controlled
 * checkbox would meanwhile snap back to the old state.
 */
export function useFollowUpToggle(interactionId: string, followUpId: string, done: boolean) {
  const client = useQueryClient();
  const [switching, setSwitching] = useState(false);
  const toggle = useMutation({
    mutationFn: () =>
      unwrap(
        interactionsApi.POST(done ? '/api/interactions/{id}/follow-ups/{followUpId}/reopen' : '/api/interactions/{id}/follow-ups/{followUpId}/complete', {
          params: { path: { id: interactionId, followUpId } },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.interactions });
      setTimeout(() => client.invalidateQueries({ queryKey: keys.reminders }), 1000);
    },
    onSettled: () => setSwitching(false),
  });
  return {
    shown: switching ? !done : done,
    busy: switching,
    error: toggle.error,
    flip: () => {
      setSwitching(true);
      toggle.mutate();
    },
  };
}
