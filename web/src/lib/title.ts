import { useEffect } from 'react';

/** The document title for the page: "Contacts · Rapport". Screen readers announce it on navigation. */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Rapport` : 'Rapport';
  }, [title]);
}
