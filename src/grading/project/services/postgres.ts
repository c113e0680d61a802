/**
 * PostgreSQL for project grading: the grader's own cluster (postgres-cluster.ts), one
 * database per run (postgres-database.ts), and t.query on it (postgres-query.ts).
 *
 *   const cluster = await startGraderPostgres({ dir, log });   // once per process
 *   const db = await provisionDatabase(cluster);                // per run
 *   env.DATABASE_URL = db.url; mounts.push(db.mount);
 *   ... queryAsGrader(db, "SELECT count(*) AS n FROM items") ...
 *   await db.drop();
 */
export { startGraderPostgres, SOCKET_PORT, type GraderPostgres, type GraderPostgresOptions, type StartKind } from "./postgres-cluster.js";
export { provisionDatabase, sweepStaleDatabases, SANDBOX_SOCKET_DIR, RUN_CONNECTION_LIMIT, type ProvisionedDatabase } from "./postgres-database.js";
export { queryAsGrader, MAX_ROWS, type GraderQueryTarget } from "./postgres-query.js";
export { findPostgresBinaries, requirePostgresBinaries, POSTGRES_INSTALL_COMMAND, type PostgresBinaries } from "./postgres-binaries.js";
