import { useCallback, useEffect, useRef, useState } from 'react';

const PREFIX = 'rapport.draft.';

/**
 * A form's state kept in this tab's sessionStorage as it is typed, so nothing is lost when the session ends (the
 * sign-in round trip reloads the page), an error comes back, or the tab reloads. Cleared once the form is sent.
 */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T | ((current: T) => T)) => void, () => void] {
  const storageKey = PREFIX + key;
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const [value, setValue] = useState<T>(() => read(storageKey) ?? initial());

  useEffect(() => {
    setValue(read<T>(storageKey) ?? initialRef.current());
  }, [storageKey]);

  const update = useCallback(
    (next: T | ((current: T) => T)) => {
      setValue((current) => {
        const resolved = typeof next === 'function' ? (next as (current: T) => T)(current) : next;
        write(storageKey, resolved);
        return resolved;
      });
    },
    [storageKey],
  );

  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initialRef.current());
  }, [storageKey]);

  return [value, update, clear];
}

/** Whether a draft is kept under this key (the composer reopens itself after a sign-in round trip). */
export function hasDraft(key: string): boolean {
  return sessionStorage.getItem(PREFIX + key) !== null;
}

function read<T>(key: string): T | undefined {
  try {
    const stored = sessionStorage.getItem(key);
    return stored === null ? undefined : (JSON.parse(stored) as T);
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the form still works, it just is not kept.
  }
}
