import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ApplicationRoleReport {
  role: string;
  /** Why the role is unfit to be the application role; empty when it is fit. */
  problems: string[];
}

/**
 * What the connected role could do beyond reading and writing rows: be a superuser (which may turn triggers off with
 * session_replication_role), own the database, a schema, a table, a function or a type (or be a member of a role
 * that does: an owner may disable, drop or replace the audit trail's trigger), create anything, or hold a role
 * attribute beyond LOGIN.
 */
export async function applicationRoleReport(query: (sql: string) => Promise<any[]>): Promise<ApplicationRoleReport> {
  const [row] = await query(`
    WITH me AS (SELECT r.* FROM pg_roles r WHERE r.rolname = current_user),
         ours AS (SELECT n.oid, n.nspname, n.nspowner FROM pg_namespace n WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema')
    SELECT me.rolname AS role, me.rolsuper AS superuser,
      array_remove(ARRAY[
        CASE WHEN me.rolcreaterole THEN 'CREATEROLE' END, CASE WHEN me.rolcreatedb THEN 'CREATEDB' END,
        CASE WHEN me.rolreplication THEN 'REPLICATION' END, CASE WHEN me.rolbypassrls THEN 'BYPASSRLS' END], NULL) AS attributes,
      pg_has_role(me.oid, d.datdba, 'MEMBER') AS owns_database,
      has_database_privilege(me.oid, d.oid, 'CREATE') AS creates_schemas,
      has_database_privilege(me.oid, d.oid, 'TEMPORARY') AS creates_temporary,
      ARRAY(SELECT nspname::text FROM ours WHERE pg_has_role(me.oid, nspowner, 'MEMBER') OR has_schema_privilege(me.oid, oid, 'CREATE') ORDER BY 1) AS schemas,
      ARRAY(SELECT c.relname::text FROM pg_class c JOIN ours ON ours.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND pg_has_role(me.oid, c.relowner, 'MEMBER') ORDER BY 1 LIMIT 5) AS relations,
      ARRAY(SELECT p.proname::text FROM pg_proc p JOIN ours ON ours.oid = p.pronamespace
             WHERE pg_has_role(me.oid, p.proowner, 'MEMBER') ORDER BY 1 LIMIT 5) AS functions,
      ARRAY(SELECT t.typname::text FROM pg_type t JOIN ours ON ours.oid = t.typnamespace
             WHERE t.typtype IN ('e', 'd') AND pg_has_role(me.oid, t.typowner, 'MEMBER') ORDER BY 1 LIMIT 5) AS types
    FROM me, pg_database d WHERE d.datname = current_database()`);
  // A superuser passes every check below anyway: say the one thing that matters.
  if (row.superuser) return { role: row.role, problems: ['it is a superuser'] };
  const problems: string[] = [];
  const list = (names: string[]) => names.join(', ') + (names.length === 5 ? ', ...' : '');
  if (row.attributes.length) problems.push(`it has ${row.attributes.join(', ')}`);
  if (row.owns_database) problems.push('it owns the database');
  if (row.creates_schemas) problems.push('it may create schemas');
  if (row.creates_temporary) problems.push('it may create temporary tables');
  if (row.schemas.length) problems.push(`it owns or may create objects in schema ${row.schemas.join(', ')}`);
  if (row.relations.length) problems.push(`it owns ${list(row.relations)}`);
  if (row.functions.length) problems.push(`it owns function ${list(row.functions)}`);
  if (row.types.length) problems.push(`it owns type ${list(row.types)}`);
  return { role: row.role, problems };
}

/**
 * Provided (true) only by withScriptContext: a script such as the demo seed writes as the owner role on purpose.
 */
export const OWNER_SCRIPT = Symbol('OWNER_SCRIPT');

/**
 * The api and worker refuse to start unless DATABASE_URL is the application role: a superuser or an owner could turn
 * the audit trail's append-only trigger off. One query at start-up.
 */
@Injectable()
export class ApplicationRoleCheck implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(OWNER_SCRIPT) private readonly ownerScript?: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.ownerScript) return;
    const { role, problems } = await applicationRoleReport((sql) => this.dataSource.query(sql));
    if (problems.length) {
      throw new Error(
        `DATABASE_URL connects as "${role}", which the api and worker must not use: ${problems.join('; ')}. ` +
          'Connect as the application role (README, "Database roles"); the owner role is for migrations only.',
      );
    }
  }
}
