import { BadUserInputError } from '../errors/domain-errors';

/** Opaque cursors: base64url of a JSON array of the sort key, so clients never depend on their shape. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * A cursor is the client's to send back, so one tampered with is refused here as BAD_USER_INPUT (naming `after`)
 * by `isValid`, rather than reaching SQL as a bad cast.
 */
export function decodeCursor(
  cursor: string,
  expectedLength: number,
  isValid: (parts: unknown[]) => boolean = () => true,
): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === expectedLength && isValid(value)) return value;
  } catch {
    // fall through to the input error below
  }
  throw BadUserInputError.forField('after', 'The cursor is not valid for this list. Start again from the first page.');
}

const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw BadUserInputError.forField('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}
