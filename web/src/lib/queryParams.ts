import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's query in the URL (so back, reload and links keep it), changed a few members at a time: an empty value
 * removes its member, `drop` are removed too, and any change but the page's own goes back to the first page.
 */
export function useQueryParams(drop: string[] = []) {
  const [params, setParams] = useSearchParams();
  const dropped = drop.join(',');
  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const key of dropped ? dropped.split(',') : []) next.delete(key);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      }, { replace: true }),
    [setParams, dropped],
  );
  return [params, update] as const;
}
