/** Previous / next for a page of results, with where we are; totals from the API's PageResponse. */
export function Pager({
  page,
  totalPages,
  totalItems,
  totalExact = true,
  onPage,
  label,
}: {
  page: number;
  totalPages?: number;
  totalItems?: number;
  totalExact?: boolean;
  onPage: (page: number) => void;
  label: string;
}) {
  const pages = totalPages ?? 0;
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 0}>
        Previous
      </button>
      <span aria-live="polite">
        Page {page + 1} of {pages}
        {totalItems !== undefined && ` · ${totalExact ? '' : 'about '}${totalItems.toLocaleString()} in all`}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page + 1 >= pages}>
        Next
      </button>
    </nav>
  );
}
