/**
 * The grading cluster's configuration files, written on every start (postgresql.conf,
 * pg_hba.conf, pg_ident.conf): no TCP, small memory, no durability, nothing in the server log
 * that a learner's app could flood, and no background workers at all, so that no run's query
 * can spread over parallel workers (a role may raise max_parallel_workers_per_gather for its
 * own session, but not max_worker_processes, which only a restart changes). pg_stat_statements
 * is loaded at start, for the stages that count a request's statements.
 */
import { chownSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ServerAccount } from "./postgres-account.js";

/** Only names the socket file (.s.PGSQL.5432): nothing listens on TCP. Also libpq's default. */
export const SOCKET_PORT = 5432;

export interface Layout {
  dir: string;
  data: string;
  socket: string;
  logFile: string;
}

/** Settings only a restart applies; the start checks the running server has them. */
export const POSTMASTER_SETTINGS = Object.freeze({
  max_worker_processes: "0",
  max_logical_replication_workers: "0",
  // Counts the statements each run's database runs (t.countStatements, postgres-statements.ts).
  shared_preload_libraries: "'pg_stat_statements'",
});

/** Written on every start, so a running cluster always has this code's settings after a reload. */
export function writeConfig(layout: Layout, account: ServerAccount): void {
  const settings: Record<string, string> = {
    listen_addresses: "''",
    port: String(SOCKET_PORT),
    unix_socket_directories: quote(layout.socket),
    // Reachable only through the folder, which only the grader and bind mounts expose.
    unix_socket_permissions: "0777",
    max_connections: "100",
    superuser_reserved_connections: "3",
    shared_buffers: "16MB",
    work_mem: "4MB",
    maintenance_work_mem: "16MB",
    // Grading data lives for one run: durability buys nothing and costs time.
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    wal_level: "minimal",
    max_wal_senders: "0",
    max_wal_size: "256MB",
    min_wal_size: "32MB",
    password_encryption: "'scram-sha-256'",
    timezone: "'UTC'",
    log_timezone: "'UTC'",
    datestyle: "'iso, mdy'",
    lc_messages: "'C.UTF-8'",
    lc_monetary: "'C.UTF-8'",
    lc_numeric: "'C.UTF-8'",
    lc_time: "'C.UTF-8'",
    default_text_search_config: "'pg_catalog.english'",
    dynamic_shared_memory_type: "posix",
    log_line_prefix: "'%m [%p] %q%u@%d '",
    // Learners' SQL errors are theirs to read in their app's log, not lines in ours: an app
    // failing in a loop would otherwise grow this log without bound. Also keeps the
    // password in CREATE ROLE out of the log should that statement fail.
    log_min_messages: "fatal",
    log_min_error_statement: "panic",
    ...POSTMASTER_SETTINGS,
    // Any role may SET these for its own session; a parallel query still needs a worker process, and there are none.
    max_parallel_workers: "0",
    max_parallel_workers_per_gather: "0",
    // Superuser-only settings: a run's role can neither stop the counting nor hide from it.
    // Only SELECT, INSERT, UPDATE, DELETE count (not BEGIN, COMMIT, SET), top-level only.
    "pg_stat_statements.track": "top",
    "pg_stat_statements.track_utility": "off",
    "pg_stat_statements.save": "off",
    "pg_stat_statements.max": "10000",
  };
  const conf = Object.entries(settings).map(([name, value]) => `${name} = ${value}`).join("\n");
  writeOwned(join(layout.data, "postgresql.conf"), `# Written by roadwork on every start (src/grading/project/services/postgres-cluster.ts).\n${conf}\n`, account);
  // The superuser only through peer authentication, mapped from root or the grader's user.
  // A run's role only into the database of its own name (sameuser), with its password.
  // Nothing else matches, so anything else is refused.
  writeOwned(
    join(layout.data, "pg_hba.conf"),
    `# Written by roadwork on every start.\nlocal all ${account.name} peer map=grader\nlocal sameuser all scram-sha-256\n`,
    account,
  );
  const graderUser = account.dropFromRoot ? "root" : account.name;
  writeOwned(join(layout.data, "pg_ident.conf"), `# Written by roadwork on every start.\ngrader ${graderUser} ${account.name}\ngrader ${account.name} ${account.name}\n`, account);
}

export function writeOwned(path: string, text: string, account: ServerAccount): void {
  writeFileSync(path, text, { mode: 0o600 });
  if (account.dropFromRoot) chownSync(path, account.uid, account.gid);
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

