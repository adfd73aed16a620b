import { validateConfig } from './app-config';

describe('the database URLs', () => {
  it('default to the two roles of a local demo database', () => {
    const config = validateConfig({});
    expect(config.DATABASE_URL).toBe('postgres://resettle_app:resettle_app@127.0.0.1:5432/resettle');
    expect(config.MIGRATION_DATABASE_URL).toBe('postgres://resettle_owner:resettle_owner@127.0.0.1:5432/resettle');
    expect(config.DATABASE_ADMIN_URL).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });

  it.each([
    ['DATABASE_URL', 'postgres://app@db.internal:5432/resettle'],
    ['DATABASE_URL', 'postgresql://app:s%40cret@10.0.0.5/resettle?sslmode=require'],
    ['MIGRATION_DATABASE_URL', 'postgres://owner:pw@db.internal:5432/resettle'],
  ])('takes %s=%s', (variable, url) => {
    expect((validateConfig({ [variable]: url }) as unknown as Record<string, string>)[variable]).toBe(url);
  });

  it.each([
    // Without a role, libpq would connect as the operating system's user (root, say): a superuser, perhaps.
    ['DATABASE_URL', 'postgres://127.0.0.1:5432/resettle'],
    ['DATABASE_URL', 'postgres://:pw@127.0.0.1:5432/resettle'],
    ['MIGRATION_DATABASE_URL', 'postgres://127.0.0.1/resettle'],
    ['DATABASE_URL', 'mysql://app@127.0.0.1/resettle'],
  ])('refuses %s=%s, naming the variable and never showing the URL', (variable, url) => {
    expect(() => validateConfig({ [variable]: url })).toThrow(new RegExp(`${variable}=\\(hidden\\)`));
  });
});
