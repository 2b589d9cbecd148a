import { ApiError, describe } from '../api/problem';

/**
 * What went wrong, for errors that name no field shown on the form (those appear next to their field). A 429 or
 * 503 says it is passing and that what was typed is kept.
 */
export function ErrorNote({ error, shownFields = [], onRetry }: { error: unknown; shownFields?: string[]; onRetry?: () => void }) {
  if (!error) return null;
  let message = describe(error);
  if (error instanceof ApiError && error.problem.errors?.length) {
    const rest = error.problem.errors.filter((e) => !shownFields.some((f) => e.field === f || e.field.startsWith(`${f}[`) || e.field.startsWith(`${f}.`)));
    message = rest.length
      ? `${error.problem.detail ?? 'Please check'}: ${rest.map((e) => `${e.field} ${e.message}`).join('; ')}`
      : `${error.problem.detail ?? 'Some fields need a change'}: see the fields marked below.`;
  }
  return (
    <div className="error-note" role="alert">
      <p>{message}</p>
      {onRetry && error instanceof ApiError && error.transient && (
        <button type="button" onClick={onRetry}>Try again</button>
      )}
    </div>
  );
}

/** The server's message for a field of a failed call, if it named it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
