import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { FastifyReply } from 'fastify';

/** One page of a connection, as the api returns it. */
export interface CsvSourcePage<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Every page of a list, fetched one after another from `after` = the previous page's end cursor. */
export async function* everyPage<T>(fetchPage: (after?: string) => Promise<CsvSourcePage<T>>): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    yield page.edges.map(({ node }) => node);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Sends a list as a CSV download, streamed a page at a time, so a service's whole list never sits in the portal's
 * memory. The first page is read before anything is sent: a refusal (signed out, not allowed) still becomes the
 * usual error page. A failure after that cuts the download off, so the browser reports it failed rather than saving
 * a file that looks complete. Cells beginning = + - @ are neutralised so a spreadsheet never runs them.
 */
export async function sendCsv(
  reply: FastifyReply,
  filename: string,
  header: string[],
  rows: AsyncIterable<unknown[][]>,
): Promise<FastifyReply> {
  const pages = rows[Symbol.asyncIterator]();
  const first = await pages.next();
  async function* body(): AsyncGenerator<string> {
    yield stringify([header]);
    if (first.done) return;
    yield stringify(first.value, { escape_formulas: true });
    for (let next = await pages.next(); !next.done; next = await pages.next())
      yield stringify(next.value, { escape_formulas: true });
  }
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(body()));
}

/** `rows` of each page of `pages`, for `sendCsv`. */
export async function* csvRows<T>(pages: AsyncIterable<T[]>, row: (node: T) => unknown[]): AsyncGenerator<unknown[][]> {
  for await (const nodes of pages) yield nodes.map(row);
}
