import { LOCAL_AUTHORITIES, SECURE_ESTABLISHMENTS } from '@resettle/organisations';
import {
  CREDIT_FROM,
  DTO_STANDARD_TERMS,
  ETHNICITIES,
  generateSyntheticCaseload,
  type SyntheticCaseloadOptions,
  type SyntheticChildRecord,
} from './caseload';

const TODAY = '2025-06-16';
const options = (over: Partial<SyntheticCaseloadOptions> = {}): SyntheticCaseloadOptions => ({
  count: 1000,
  seed: 20250616,
  today: TODAY,
  establishments: SECURE_ESTABLISHMENTS,
  localAuthorities: LOCAL_AUTHORITIES,
  ...over,
});

const DAY_MS = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const addMonths = (iso: string, months: number): number => {
  const d = new Date(`${iso}T00:00:00Z`);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 0)).getUTCDate();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, Math.min(d.getUTCDate(), lastDay)) / DAY_MS;
};
const ageOn = (dob: string, on: string): number => {
  let years = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (on.slice(5) < dob.slice(5)) years--;
  return years;
};
const share = (records: SyntheticChildRecord[], test: (r: SyntheticChildRecord) => boolean): number =>
  records.filter(test).length / records.length;

const laCodes = new Set(LOCAL_AUTHORITIES.map((la) => la.code));
const establishmentCodes = new Set(SECURE_ESTABLISHMENTS.map((e) => e.code));
const establishmentType = new Map(SECURE_ESTABLISHMENTS.map((e) => [e.code, e.type]));

describe('ETHNICITIES', () => {
  it('lists the 19 ONS 2021 categories once each', () => {
    expect(ETHNICITIES).toHaveLength(19);
    expect(new Set(ETHNICITIES.map((e) => e.key)).size).toBe(19);
    expect(new Set(ETHNICITIES.map((e) => e.label)).size).toBe(19);
  });
});

describe('generateSyntheticCaseload', () => {
  const records = generateSyntheticCaseload(options());
  // Another snapshot date exercises sentences from before 28 June 2022 (no credit, standard DTO terms only).
  const earlier = generateSyntheticCaseload(options({ today: '2023-01-15', seed: 7 }));

  it('is deterministic: the same seed gives the same caseload', () => {
    expect(generateSyntheticCaseload(options())).toEqual(records);
    expect(generateSyntheticCaseload(options({ seed: 1 }))).not.toEqual(records);
  });

  it('keeps earlier records when the count grows, so re-seeding is idempotent', () => {
    expect(generateSyntheticCaseload(options({ count: 100 }))).toEqual(records.slice(0, 100));
  });

  it('gives unique keys derived from the index', () => {
    expect(records[0].key).toBe('demo-child-000001');
    expect(records[122].key).toBe('demo-child-000123');
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
  });

  it('puts about 44% on remand (DOMAIN.md, March 2025)', () => {
    const remand = share(records, (r) => r.episode.episodeType === 'REMAND');
    expect(remand).toBeGreaterThan(0.4);
    expect(remand).toBeLessThan(0.48);
  });

  it.each([
    ['2025-06-16', records],
    ['2023-01-15', earlier],
  ])(
    'makes every remanded child looked after by their home authority, remanded 1-6 months before %s',
    (today, caseload) => {
      for (const r of caseload.filter((x) => x.episode.episodeType === 'REMAND')) {
        expect(r.episode.sentence).toBeNull();
        expect(r.child.lookedAfter).toBe(true);
        expect(r.child.responsibleAuthorityCode).toBe(r.child.homeAuthorityCode);
        const remandDay = day(r.episode.remandDate!);
        expect(remandDay).toBeLessThanOrEqual(day(today) - 30);
        expect(remandDay).toBeGreaterThanOrEqual(day(today) - 184);
      }
    },
  );

  it.each([
    ['2025-06-16', records],
    ['2023-01-15', earlier],
  ])('dates sentences on or before today (%s) and within 6 years of it', (today, caseload) => {
    for (const r of caseload.filter((x) => x.episode.episodeType === 'SENTENCED')) {
      const s = r.episode.sentence!;
      expect(s.sentenceDate <= today).toBe(true);
      expect(day(s.sentenceDate)).toBeGreaterThanOrEqual(addMonths(today, -72));
      expect(s.offenceDate < s.sentenceDate).toBe(true);
      expect(ageOn(r.child.dateOfBirth, s.offenceDate)).toBeGreaterThanOrEqual(10);
      expect(ageOn(r.child.dateOfBirth, s.sentenceDate)).toBeGreaterThanOrEqual(12);
    }
  });

  it.each([
    ['2025-06-16', records],
    ['2023-01-15', earlier],
  ])('gives no credit to sentences before 28 June 2022 (today %s)', (_today, caseload) => {
    const sentences = caseload.map((r) => r.episode.sentence).filter((s) => s !== null);
    for (const s of sentences.filter((x) => x.sentenceDate < CREDIT_FROM)) {
      expect(s.remandDays).toBe(0);
      expect(s.taggedBailDays).toBe(0);
      if (s.sentenceType === 'DTO') expect(DTO_STANDARD_TERMS).toContain(s.termMonths);
    }
    for (const s of sentences) {
      expect(s.remandDays).toBeGreaterThanOrEqual(0);
      expect(s.remandDays).toBeLessThanOrEqual(120);
    }
  });

  it('exercises the pre-June-2022 rules when today is early enough', () => {
    const pre = earlier.filter((r) => r.episode.sentence && r.episode.sentence.sentenceDate < CREDIT_FROM);
    expect(pre.length).toBeGreaterThan(0);
    expect(records.some((r) => (r.episode.sentence?.remandDays ?? 0) > 0)).toBe(true);
  });

  it('spreads release dates over the next 12 months (roughly: release point less early release and credit)', () => {
    const releases: number[] = [];
    for (const r of records) {
      const s = r.episode.sentence;
      if (!s || (s.sentenceType !== 'DTO' && s.sentenceType !== 'S250')) continue;
      const sentenceDay = day(s.sentenceDate);
      const days = addMonths(s.sentenceDate, s.termMonths) - 1 - sentenceDay + 1;
      const fortyPercent =
        s.sentenceType === 'S250' && !s.excludedFromFortyPercentRelease && s.sentenceDate >= '2024-10-22';
      const early = s.sentenceType === 'DTO' ? (s.termMonths >= 18 ? 2 : s.termMonths >= 8 ? 1 : 0) : 0;
      const point = Math.ceil(days * (fortyPercent ? 0.4 : 0.5));
      const release = sentenceDay + point - 1 - Math.round(early * 30.4375) - s.remandDays - s.taggedBailDays;
      releases.push(release - day(TODAY));
    }
    for (const offset of releases) {
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThanOrEqual(372);
    }
    expect(releases.some((o) => o < 60)).toBe(true);
    expect(releases.some((o) => o > 300)).toBe(true);
  });

  it('follows the sentence mix: mostly DTOs with standard terms, average term about 10-12 months', () => {
    const sentences = records.map((r) => r.episode.sentence).filter((s) => s !== null);
    const dtos = sentences.filter((s) => s.sentenceType === 'DTO');
    expect(dtos.length / sentences.length).toBeGreaterThan(0.68);
    expect(dtos.length / sentences.length).toBeLessThan(0.82);
    const meanDto = dtos.reduce((sum, s) => sum + s.termMonths, 0) / dtos.length;
    expect(meanDto).toBeGreaterThan(9);
    expect(meanDto).toBeLessThan(12.5);
    for (const s of dtos) {
      expect(s.termMonths).toBeGreaterThanOrEqual(4);
      expect(s.termMonths).toBeLessThanOrEqual(24);
      expect(s.extensionMonths).toBeNull();
    }
    for (const s of sentences.filter((x) => x.sentenceType === 'S250')) {
      expect(s.termMonths).toBeGreaterThanOrEqual(12);
      expect(s.termMonths).toBeLessThanOrEqual(72);
    }
    for (const s of sentences.filter((x) => x.sentenceType === 'EXTENDED'))
      expect(s.extensionMonths).toBeGreaterThan(0);
  });

  it('uses only phone numbers from the Ofcom drama range and example.com email addresses', () => {
    const carers = [...records, ...earlier].flatMap((r) => r.child.parentsCarers);
    expect(carers.length).toBeGreaterThan(records.length);
    for (const c of carers) {
      expect(c.phone).toMatch(/^07700 900\d{3}$/);
      expect(c.email).toMatch(/^[a-z0-9.-]+@example\.com$/);
    }
  });

  it('uses only known establishment and local authority codes', () => {
    for (const r of [...records, ...earlier]) {
      expect(establishmentCodes.has(r.episode.establishmentCode)).toBe(true);
      expect(laCodes.has(r.child.homeAuthorityCode)).toBe(true);
      expect(r.episode.supervisingAuthorityCode).toBe(r.child.homeAuthorityCode);
      if (r.child.responsibleAuthorityCode !== null) expect(laCodes.has(r.child.responsibleAuthorityCode)).toBe(true);
    }
  });

  it('places girls and under-15s outside YOIs', () => {
    for (const r of records) {
      const type = establishmentType.get(r.episode.establishmentCode);
      if (r.child.gender === 'FEMALE' || ageOn(r.child.dateOfBirth, TODAY) < 15) expect(type).not.toBe('YOI');
    }
  });

  it('makes children 12 to 17, mostly 15-17, and mostly boys', () => {
    const ages = records.map((r) => ageOn(r.child.dateOfBirth, TODAY));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...ages)).toBeLessThanOrEqual(17);
    expect(ages.filter((a) => a >= 15).length / ages.length).toBeGreaterThan(0.8);
    const boys = share(records, (r) => r.child.gender === 'MALE');
    expect(boys).toBeGreaterThan(0.93);
    expect(boys).toBeLessThan(0.99);
  });

  it('has a plausible needs and care mix (approximate)', () => {
    const sentenced = records.filter((r) => r.episode.episodeType === 'SENTENCED');
    const la = share(sentenced, (r) => r.child.lookedAfter);
    expect(la).toBeGreaterThan(0.28);
    expect(la).toBeLessThan(0.42);
    const ehcp = share(records, (r) => r.child.hasEhcp);
    expect(ehcp).toBeGreaterThan(0.15);
    expect(ehcp).toBeLessThan(0.26);
    const comms = share(records, (r) => r.child.communicationNeeds !== null);
    expect(comms).toBeGreaterThan(0.52);
    expect(comms).toBeLessThan(0.7);
    for (const r of records.filter((x) => x.child.careLeaver)) {
      expect(ageOn(r.child.dateOfBirth, TODAY)).toBeGreaterThanOrEqual(16);
      expect(r.child.responsibleAuthorityCode).toBe(r.child.homeAuthorityCode);
    }
    for (const r of records) {
      const known = new Set(ETHNICITIES.map((e) => e.key));
      expect(known.has(r.child.ethnicity)).toBe(true);
    }
  });

  it('rejects a malformed date', () => {
    expect(() => generateSyntheticCaseload(options({ today: '16/06/2025' }))).toThrow(/YYYY-MM-DD/);
  });
});
