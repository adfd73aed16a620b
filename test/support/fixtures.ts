import { DataSource } from 'typeorm';

/**
 * A small, synthetic directory for tests: two youth justice services, two establishments, case managers. Staff emails
 * are @example.com.
 */
export async function insertDirectory(ds: DataSource) {
  const q = async (sql: string, params: unknown[]) => (await ds.query(sql, params))[0];
  const la = async (code: string, name: string) =>
    q(
      `INSERT INTO organisation (code, name, type, nation, region, email_domains) VALUES ($1, $2, 'LOCAL_AUTHORITY', 'ENGLAND', 'Test', '{example.com}') RETURNING *`,
      [code, name],
    );
  const leeds = await la('LA-TEST-LEEDS', 'Leeds City Council');
  const kent = await la('LA-TEST-KENT', 'Kent County Council');
  const org = async (code: string, name: string, type: string, localAuthorityId: string) =>
    q(
      `INSERT INTO organisation (code, name, type, local_authority_id, email_domains) VALUES ($1, $2, $3, $4, '{example.com}') RETURNING *`,
      [code, name, type, localAuthorityId],
    );
  const leedsYjs = await org('YJS-TEST-LEEDS', 'Leeds Youth Justice Service', 'YOUTH_JUSTICE_SERVICE', leeds.id);
  const kentYjs = await org('YJS-TEST-KENT', 'Kent Youth Justice Service', 'YOUTH_JUSTICE_SERVICE', kent.id);
  const wetherby = await org('YOI-TEST-WETHERBY', 'HMYOI Wetherby', 'YOI', leeds.id);
  const oakhill = await org('STC-TEST-OAKHILL', 'Oakhill Secure Training Centre', 'STC', kent.id);
  const user = async (orgId: string, given: string, email: string) =>
    q(
      `INSERT INTO app_user (organisation_id, given_name, family_name, email, roles) VALUES ($1, $2, 'Tester', $3, '{YJS_CASE_MANAGER}') RETURNING *`,
      [orgId, given, email],
    );
  const leedsCaseManager = await user(leedsYjs.id, 'Priya', 'priya.tester@example.com');
  const leedsCaseManager2 = await user(leedsYjs.id, 'Sam', 'sam.tester@example.com');
  const kentCaseManager = await user(kentYjs.id, 'Alex', 'alex.tester@example.com');
  return { leeds, kent, leedsYjs, kentYjs, wetherby, oakhill, leedsCaseManager, leedsCaseManager2, kentCaseManager };
}
