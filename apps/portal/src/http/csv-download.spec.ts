import Fastify, { FastifyInstance } from 'fastify';
import { csvRows, CsvSourcePage, everyPage, sendCsv } from './csv-download';

/** A list of `total` children served `size` at a time, failing on page `failOn` (1-based) if given. */
function pagedList(total: number, size: number, failOn?: number) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (after?: string): Promise<CsvSourcePage<{ name: string }>> => {
    asked.push(after);
    if (failOn === asked.length) throw new Error(`page ${asked.length} failed`);
    const from = after ? Number(after) : 0;
    const names = Array.from({ length: Math.min(size, total - from) }, (_, i) => ({ name: `Child ${from + i + 1}` }));
    const end = from + names.length;
    return { edges: names.map((node) => ({ node })), pageInfo: { hasNextPage: end < total, endCursor: String(end) } };
  };
  return { asked, fetchPage };
}

describe('sendCsv: a paged list as a streamed CSV download', () => {
  let app: FastifyInstance;
  let list: ReturnType<typeof pagedList>;

  beforeEach(async () => {
    app = Fastify();
    app.get('/download', async (_request, reply) =>
      sendCsv(
        reply,
        'children.csv',
        ['Child', 'Note'],
        csvRows(everyPage(list.fetchPage), (c) => [c.name, c.name === 'Child 2' ? '=HYPERLINK("x")' : '']),
      ),
    );
    app.setErrorHandler((error: Error, _request, reply) => reply.status(503).send(`Error page: ${error.message}`));
    await app.ready();
  });
  afterEach(() => app.close());

  it.each([
    ['one short page', 2, 10, 1],
    ['exactly one full page', 10, 10, 1],
    ['several pages, the last short', 25, 10, 3],
    ['an empty list', 0, 10, 1],
  ])('%s: the header and every child once, in order', async (_case, total, size, pagesAsked) => {
    list = pagedList(total, size);
    const response = await app.inject('/download');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="children.csv"');
    const lines = response.body.trimEnd().split('\n');
    expect(lines[0]).toBe('Child,Note');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(
      Array.from({ length: total }, (_, i) => `Child ${i + 1}`),
    );
    expect(list.asked).toHaveLength(pagesAsked);
  });

  it('neutralises a cell a spreadsheet would run', async () => {
    list = pagedList(3, 10);
    const response = await app.inject('/download');
    expect(response.body).toContain(`Child 2,"'=HYPERLINK(""x"")"`);
  });

  it('a refusal on the first page becomes the error page, not an empty download', async () => {
    list = pagedList(25, 10, 1);
    const response = await app.inject('/download');
    expect(response.statusCode).toBe(503);
    expect(response.body).toBe('Error page: page 1 failed');
  });

  it('a failure on a later page cuts the download off instead of ending it as if complete', async () => {
    list = pagedList(25, 10, 2);
    await expect(app.inject('/download')).rejects.toThrow();
  });
});
