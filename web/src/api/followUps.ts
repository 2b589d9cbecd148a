import { useMutation, useQueryClient } from '@tanstack/react-query';
import { interactionsApi, unwrap } from './http';
import { keys } from './rapport';

/**
 * Marks a follow-up done or open again (the interactions service owns it; the reminder about it follows by event).
 * `shown` is the state to display: the new one while the call is under way.
 */
export function useFollowUpToggle(interactionId: string, followUpId: string, done: boolean) {
  const client = useQueryClient();
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
  });
  return { toggle, shown: toggle.isPending ? !done : done };
}
