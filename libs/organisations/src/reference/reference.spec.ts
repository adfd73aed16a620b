import { LOCAL_AUTHORITIES } from './local-authorities';
import { partnerOrganisationsFor } from './partner-organisations';
import { REGIONS } from './regions';
import { SECURE_ESTABLISHMENTS } from './secure-establishments';

const duplicates = (values: string[]): string[] => values.filter((v, i) => values.indexOf(v) !== i);

describe('local authorities', () => {
  it('has unique codes, names and short names', () => {
    expect(duplicates(LOCAL_AUTHORITIES.map((la) => la.code))).toEqual([]);
    expect(duplicates(LOCAL_AUTHORITIES.map((la) => la.name))).toEqual([]);
    expect(duplicates(LOCAL_AUTHORITIES.map((la) => la.shortName))).toEqual([]);
  });

  it('covers every English authority with children’s services and the 22 Welsh councils', () => {
    const england = LOCAL_AUTHORITIES.filter((la) => la.nation === 'ENGLAND');
    const wales = LOCAL_AUTHORITIES.filter((la) => la.nation === 'WALES');
    expect(england.length).toBeGreaterThanOrEqual(150);
    expect(england.length).toBeLessThanOrEqual(156);
    expect(wales).toHaveLength(22);
    expect(wales.every((la) => la.region === 'Wales')).toBe(true);
    expect(england.every((la) => la.region !== 'Wales')).toBe(true);
  });

  it('uses the nine English regions', () => {
    const regions = new Set(LOCAL_AUTHORITIES.filter((la) => la.nation === 'ENGLAND').map((la) => la.region));
    expect([...regions].sort()).toEqual([
      'East Midlands',
      'East of England',
      'London',
      'North East',
      'North West',
      'South East',
      'South West',
      'West Midlands',
      'Yorkshire and the Humber',
    ]);
  });

  it('gives every authority one of the regions the measures are counted for (the nine, and Wales)', () => {
    expect([...new Set(LOCAL_AUTHORITIES.map((la) => la.region))].sort()).toEqual([...REGIONS].sort());
  });

  it('reflects the 2023 reorganisation (no Cumbria; Cumberland, Westmorland and Furness)', () => {
    const codes = new Set(LOCAL_AUTHORITIES.map((la) => la.code));
    expect(codes.has('LA-CUMBRIA')).toBe(false);
    expect(codes.has('LA-CUMBERLAND')).toBe(true);
    expect(codes.has('LA-WESTMORLAND-AND-FURNESS')).toBe(true);
  });

  it('has codes in the LA- slug form', () => {
    for (const la of LOCAL_AUTHORITIES) expect(la.code).toMatch(/^LA-[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });
});

describe('secure establishments', () => {
  it('has unique codes and names', () => {
    expect(duplicates(SECURE_ESTABLISHMENTS.map((e) => e.code))).toEqual([]);
    expect(duplicates(SECURE_ESTABLISHMENTS.map((e) => e.name))).toEqual([]);
  });

  it('sits every establishment in a known local authority', () => {
    const codes = new Set(LOCAL_AUTHORITIES.map((la) => la.code));
    for (const e of SECURE_ESTABLISHMENTS) expect(codes.has(e.localAuthorityCode)).toBe(true);
  });

  it('has exactly the four YOIs in DOMAIN.md, with Keppel held as part of Wetherby', () => {
    const yois = SECURE_ESTABLISHMENTS.filter((e) => e.type === 'YOI')
      .map((e) => e.code)
      .sort();
    expect(yois).toEqual(['YOI-FELTHAM-A', 'YOI-PARC', 'YOI-WERRINGTON', 'YOI-WETHERBY']);
    expect(SECURE_ESTABLISHMENTS.some((e) => /keppel/i.test(e.code) || /keppel/i.test(e.name))).toBe(false);
  });

  it('has one STC (Oakhill), one secure school and about 14 secure children’s homes', () => {
    expect(SECURE_ESTABLISHMENTS.filter((e) => e.type === 'STC').map((e) => e.code)).toEqual(['STC-OAKHILL']);
    expect(SECURE_ESTABLISHMENTS.filter((e) => e.type === 'SECURE_SCHOOL')).toHaveLength(1);
    const schs = SECURE_ESTABLISHMENTS.filter((e) => e.type === 'SCH');
    expect(schs.length).toBeGreaterThanOrEqual(12);
    expect(schs.length).toBeLessThanOrEqual(16);
  });

  it('leaves out closed establishments', () => {
    const names = SECURE_ESTABLISHMENTS.map((e) => e.name).join('|');
    expect(names).not.toMatch(/Cookham Wood|Rainsbrook|Medway Secure Training/i);
  });

  it('has positive demo weightings', () => {
    for (const e of SECURE_ESTABLISHMENTS) expect(e.typicalPopulation).toBeGreaterThan(0);
  });
});

describe('partnerOrganisationsFor', () => {
  it('gives each authority a youth justice service, health provider and virtual school', () => {
    const birmingham = LOCAL_AUTHORITIES.find((la) => la.code === 'LA-BIRMINGHAM')!;
    expect(partnerOrganisationsFor(birmingham)).toEqual([
      {
        code: 'YJS-BIRMINGHAM',
        name: 'Birmingham Youth Justice Service',
        type: 'YOUTH_JUSTICE_SERVICE',
        localAuthorityCode: 'LA-BIRMINGHAM',
      },
      {
        code: 'HEALTH-BIRMINGHAM',
        name: "Birmingham Children and Young People's Health Service",
        type: 'HEALTH_PROVIDER',
        localAuthorityCode: 'LA-BIRMINGHAM',
      },
      {
        code: 'EDU-BIRMINGHAM',
        name: 'Birmingham Virtual School',
        type: 'EDUCATION_PROVIDER',
        localAuthorityCode: 'LA-BIRMINGHAM',
      },
    ]);
  });

  it('gives unique codes and names across all authorities', () => {
    const all = LOCAL_AUTHORITIES.flatMap(partnerOrganisationsFor);
    expect(all).toHaveLength(LOCAL_AUTHORITIES.length * 3);
    expect(duplicates(all.map((o) => o.code))).toEqual([]);
    expect(duplicates(all.map((o) => o.name))).toEqual([]);
  });
});
