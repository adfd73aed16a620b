import { postedValues } from './posted-values';

describe('postedValues: a posted form’s text answers', () => {
  it.each([
    [
      'drops the CSRF token and the fields skipped',
      { _csrf: 't', step: 'check', a: 'x' },
      { skip: ['step'], maxLength: 10 },
      { a: 'x' },
    ],
    [
      'drops what is not text, and what is too long',
      { a: ['x'], b: 'x'.repeat(11), c: 'ok' },
      { maxLength: 10 },
      { c: 'ok' },
    ],
    ['keeps CRLF unless asked', { a: 'one\r\ntwo' }, { maxLength: 10 }, { a: 'one\r\ntwo' }],
    [
      'makes a textarea’s lines the api’s',
      { a: 'one\r\ntwo\rthree' },
      { maxLength: 20, unixLines: true },
      { a: 'one\ntwo\nthree' },
    ],
    ['answers nothing for no body', undefined, { maxLength: 10 }, {}],
  ])('%s', (_case, body, options, expected) => {
    expect(postedValues(body, options)).toEqual(expected);
  });
});
