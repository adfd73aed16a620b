import { checkEmailDomains, domainProblems, emailDomainOf, emailInDomains, normaliseDomain } from './email-domains';

describe('emailInDomains', () => {
  it.each<[string, string[], boolean]>([
    ['jo.bloggs@leeds.gov.uk', ['leeds.gov.uk'], true],
    ['Jo.Bloggs@LEEDS.gov.uk', ['leeds.gov.uk'], true],
    ['jo@leeds.gov.uk', ['  @Leeds.GOV.uk '], true],
    ['jo@leeds.gov.uk', ['kent.gov.uk', 'leeds.gov.uk'], true],
    // A subdomain is a domain of its own.
    ['jo@yjs.leeds.gov.uk', ['leeds.gov.uk'], false],
    // A domain that merely ends the same way is another organisation's.
    ['jo@notleeds.gov.uk', ['leeds.gov.uk'], false],
    ['jo@leeds.gov.uk.evil.example', ['leeds.gov.uk'], false],
    // The last @ decides: a quoted local part cannot smuggle a domain in.
    ['"x@leeds.gov.uk"@evil.example', ['leeds.gov.uk'], false],
    ['jo@leeds.gov.uk', [], false],
    ['not-an-email', ['leeds.gov.uk'], false],
  ])('%s in %j: %s', (email, domains, expected) => {
    expect(emailInDomains(email, domains)).toBe(expected);
  });

  it('takes the domain after the last @', () => {
    expect(emailDomainOf('a@b@Example.COM ')).toBe('example.com');
    expect(emailDomainOf('nobody')).toBe('');
    expect(normaliseDomain(' @Example.com')).toBe('example.com');
  });
});

describe('domainProblems', () => {
  it.each<[string, string | null]>([
    ['leeds.gov.uk', null],
    ['birmingham.yjs.example.com', null],
    ['example.com', null],
    ['my-council.gov.wales', null],
    ['', 'Enter a domain, like leeds.gov.uk'],
    ['jo@leeds.gov.uk', 'jo@leeds.gov.uk is an email address: enter only the part after @'],
    ['localhost', 'localhost is not a domain: it needs a dot, like leeds.gov.uk'],
    ['gov.uk', 'gov.uk is shared by many organisations: enter your organisation’s own domain'],
    ['nhs.net', 'nhs.net is shared by many organisations: enter your organisation’s own domain'],
    ['gmail.com', 'gmail.com is shared by many organisations: enter your organisation’s own domain'],
    ['leeds..gov.uk', 'leeds..gov.uk is not a domain: use letters, digits, hyphens and dots'],
    ['-leeds.gov.uk', '-leeds.gov.uk is not a domain: use letters, digits, hyphens and dots'],
    ['leeds_yjs.gov.uk', 'leeds_yjs.gov.uk is not a domain: use letters, digits, hyphens and dots'],
    ['10.0.0.1', '10.0.0.1 is not a domain'],
  ])('%j: %s', (domain, problem) => {
    expect(domainProblems(domain)).toEqual(problem ? [problem] : []);
  });
});

describe('checkEmailDomains', () => {
  it('normalises, drops blanks and duplicates, keeping the order', () => {
    expect(checkEmailDomains([' Leeds.gov.uk', '', '@leeds.gov.uk', 'yjs.leeds.gov.uk'])).toEqual({
      domains: ['leeds.gov.uk', 'yjs.leeds.gov.uk'],
      problems: [],
    });
  });

  it('reports every bad domain, and too many', () => {
    expect(checkEmailDomains(['gov.uk', 'ok.example.com', 'bad domain.example']).problems).toEqual([
      'gov.uk is shared by many organisations: enter your organisation’s own domain',
      'bad domain.example is not a domain: use letters, digits, hyphens and dots',
    ]);
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.example.com`);
    expect(checkEmailDomains(many).problems).toEqual(['List at most 20 domains']);
  });

  it('an empty list is allowed: nobody can then be given an account there', () => {
    expect(checkEmailDomains([])).toEqual({ domains: [], problems: [] });
  });
});
