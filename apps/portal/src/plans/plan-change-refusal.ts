import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors } from '../forms/form-errors';

/**
 * The api's refusal of a change to a child's plan, shaped for the form: its messages against the fields
 * (BAD_USER_INPUT), a stale version (CONFLICT, with the page's own `stale` message), or a plan that is not
 * the user's to change. Anything else is rethrown.
 */
export function planChangeRefusal(
  error: unknown,
  form: { supervisingServiceName: string; fieldOf: Record<string, string>; fallback: string; stale: string },
): { errors: FormErrors; status: number; stale?: boolean } {
  if (!(error instanceof ApiError)) throw error;
  const { fieldOf, fallback } = form;
  if (error.code === 'BAD_USER_INPUT')
    return { errors: apiFormErrors(error, (path) => fieldOf[path.split('.').pop() ?? ''], fallback), status: 400 };
  if (error.code === 'CONFLICT') return { errors: formError(fallback, form.stale), status: 409, stale: true };
  if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
    return {
      errors: formError(
        fallback,
        `You cannot change this plan: ask ${form.supervisingServiceName}. Nothing was saved.`,
      ),
      status: 403,
    };
  throw error;
}
