/**
 * What a run's role may see on the shared cluster. Run roles reach only their own database
 * (pg_hba.conf "sameuser", CONNECT revoked from PUBLIC); the shared databases grant nothing;
 * and in template1, which every run database is copied from, the catalogs and functions that
 * name other runs' databases and roles, or show their sessions, are closed to PUBLIC.
 *
 * What a run can still see: the OIDs and counts that functions taking an OID give
 * (pg_stat_get_db_* on a guessed OID), and whether a database or role of a given name
 * exists (has_database_privilege('name', ...) fails for an unknown one). Names are random
 * (16 hex digits), tied to nothing the learner knows, so neither gives a run another's name.
 */
import type pg from "pg";

export type WithSuperuser = <T>(database: string, body: (client: pg.Client) => Promise<T>) => Promise<T>;

/** Catalogs and views that list other runs' databases, roles, settings or sessions. */
export const HIDDEN_CATALOGS = [
  "pg_database",
  "pg_roles",
  "pg_user",
  "pg_group",
  "pg_auth_members",
  "pg_db_role_setting",
  "pg_shdescription",
  "pg_shseclabel",
  "pg_seclabels",
  "pg_stat_activity",
  "pg_stat_database",
  "pg_stat_database_conflicts",
  "pg_stat_ssl",
  "pg_stat_gssapi",
  "pg_locks",
  "pg_prepared_xacts",
] as const;

/** Functions behind pg_stat_activity, which name sessions (and their users) of every run. */
export const HIDDEN_FUNCTIONS = ["pg_stat_get_activity(integer)", "pg_stat_get_backend_idset()", "pg_stat_get_backend_userid(integer)", "pg_stat_get_backend_dbid(integer)", "pg_stat_get_backend_activity(integer)"] as const;

export async function lockDownSharedDatabases(admin: pg.Pool, withSuperuser: WithSuperuser): Promise<void> {
  await admin.query("REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC");
  await admin.query("REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC");
  await admin.query("REVOKE ALL ON SCHEMA public FROM PUBLIC");
  await withSuperuser("template1", async (client) => {
    await client.query("REVOKE ALL ON SCHEMA public FROM PUBLIC");
    await client.query(`REVOKE SELECT ON ${HIDDEN_CATALOGS.map((name) => `pg_catalog.${name}`).join(", ")} FROM PUBLIC`);
    await client.query(`REVOKE EXECUTE ON FUNCTION ${HIDDEN_FUNCTIONS.map((name) => `pg_catalog.${name}`).join(", ")} FROM PUBLIC`);
  });
}
