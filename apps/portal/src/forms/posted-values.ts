/** A posted form's text answers, keyed by field name. */
export type PostedValues = Record<string, string>;

export interface PostedValuesOptions {
  /** Fields that are not answers (the CSRF token always; a check step's `step`, and the like). */
  skip?: readonly string[];
  /** Longer values are dropped (the api would refuse them anyway; this keeps a page from echoing megabytes back). */
  maxLength: number;
  /** A textarea's lines as the api keeps them: browsers send CRLF. */
  unixLines?: boolean;
}

/** The posted answers of a form: text only, without the CSRF token and the fields named in `skip`. */
export function postedValues(
  body: unknown,
  { skip = [], maxLength, unixLines = false }: PostedValuesOptions,
): PostedValues {
  const values: PostedValues = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf' || skip.includes(name) || typeof value !== 'string' || value.length > maxLength) continue;
    values[name] = unixLines ? value.replace(/\r\n?/g, '\n') : value;
  }
  return values;
}
