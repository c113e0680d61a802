/**
 * The grader's PostgreSQL: its own cluster with no TCP port, one database per run that no
 * other run can reach, reached from inside the real sandbox through the mounted socket
 * folder by psycopg2, SQLAlchemy and Django, dropped without a trace, and reused by a
 * second start. Needs Debian's PostgreSQL server binaries; skips itself without them.
 */
import { statementSnapshot, statementsBetween } from "../../src/grading/project/services/postgres-statements.js";
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import pg from "pg";
import { isRoadworkError } from "../../src/errors.js";
import { createSandbox, type Sandbox, type SandboxResult } from "../../src/grading/sandbox/index.js";
import {
  findPostgresBinaries,
  POSTGRES_INSTALL_COMMAND,
  provisionDatabase,
  queryAsGrader,
  startGraderPostgres,
  sweepStaleDatabases,
  type GraderPostgres,
  type ProvisionedDatabase,
} from "../../src/grading/project/services/postgres.js";

const PYTHON = "/usr/bin/python3";
const execFileAsync = promisify(execFile);
const binaries = findPostgresBinaries();
const skip = binaries === undefined ? `Debian's PostgreSQL server binaries are not installed (${POSTGRES_INSTALL_COMMAND})` : false;

/** What a learner's app does with DATABASE_URL: psycopg2 directly, then SQLAlchemy 1.4. */
const PSYCOPG_AND_SQLALCHEMY = `
import os, psycopg2, sqlalchemy
url = os.environ["DATABASE_URL"]
conn = psycopg2.connect(url)
cur = conn.cursor()
cur.execute("CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric(8,2))")
cur.execute("INSERT INTO items (name, price) VALUES (%s, %s), (%s, %s)", ("tea", "2.50", "cake", "3.10"))
conn.commit()
cur.execute("SELECT name FROM items ORDER BY id")
print("psycopg2:", ",".join(row[0] for row in cur.fetchall()))
conn.close()
engine = sqlalchemy.create_engine(url)
with engine.begin() as c:
    c.execute(sqlalchemy.text("INSERT INTO items (name) VALUES (:name)"), {"name": "scone"})
    print("sqlalchemy:", c.execute(sqlalchemy.text("SELECT count(*) FROM items")).scalar())
try:
    open("/run/postgresql/planted", "w")
    print("socket folder: writable")
except OSError:
    print("socket folder: read-only")
try:
    psycopg2.connect(host="/run/postgresql", user=os.environ["SUPERUSER"], dbname="postgres")
    print("superuser: connected")
except psycopg2.OperationalError as error:
    print("superuser:", str(error).strip().splitlines()[-1])
`;

/** The settings snippet the report gives for Django 3.2 (no dj-database-url in Debian). */
const DJANGO = `
import os
from urllib.parse import urlsplit, parse_qs, unquote

_db = urlsplit(os.environ["DATABASE_URL"])
_query = parse_qs(_db.query)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(_db.path.lstrip("/")),
        "USER": unquote(_db.username or ""),
        "PASSWORD": unquote(_db.password or ""),
        "HOST": _query.get("host", [_db.hostname or ""])[0],
        "PORT": str(_db.port or ""),
    }
}

import django
from django.conf import settings
settings.configure(DATABASES=DATABASES, INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"], USE_TZ=True)
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
User.objects.create_user("ada", password="correct horse")
print("django users:", User.objects.count())
`;

function connectAs(cluster: GraderPostgres, user: string, password: string, database: string): Promise<pg.Client> {
  const client = new pg.Client({ host: cluster.socketDir, port: cluster.port, user, password, database });
  client.on("error", () => undefined);
  return client.connect().then(() => client);
}

async function refusedReason(connecting: Promise<pg.Client>): Promise<string> {
  try {
    const client = await connecting;
    await client.end();
  } catch (error) {
    return (error as Error).message;
  }
  return "connected";
}

/** Inodes of TCP sockets in LISTEN state, from /proc/net/tcp and tcp6. */
function listeningTcpInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A" && fields[9] !== undefined) inodes.add(fields[9]);
    }
  }
  return inodes;
}

function socketInodesOf(pid: number): string[] {
  const fdDir = `/proc/${pid}/fd`;
  return readdirSync(fdDir)
    .map((fd) => {
      try {
        return readlinkSync(join(fdDir, fd));
      } catch {
        return "";
      }
    })
    .map((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1])
    .filter((inode): inode is string => inode !== undefined);
}

function out(result: SandboxResult): string {
  return `${result.stdout.toString()}${result.stderr.toString().slice(-3000)}`;
}

void describe("the grader's PostgreSQL", { skip }, () => {
  let root: string;
  let dir: string;
  let cluster: GraderPostgres;
  let sandbox: Sandbox | undefined;
  let noSandbox = "";

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "roadwork-pg-"));
    // The server account and the sandbox's uid must be able to traverse down to the socket.
    chmodSync(root, 0o711);
    dir = join(root, "cluster");
    cluster = await startGraderPostgres({ dir });
    try {
      sandbox = await createSandbox();
    } catch (error) {
      noSandbox = `the sandbox is not available here: ${(error as Error).message}`;
    }
  });

  after(async () => {
    await sandbox?.close();
    await cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  void it("initialises a cluster of its own on the first start", () => {
    assert.equal(cluster.startKind, "initialised");
    assert.ok(existsSync(join(dir, "data", "PG_VERSION")));
    assert.ok(existsSync(join(cluster.socketDir, ".s.PGSQL.5432")), "the unix socket is in the cluster's own folder");
  });

  void it("listens on no TCP port, only on its unix socket", async () => {
    const { rows } = await cluster.admin.query<{ listen_addresses: string }>("SHOW listen_addresses");
    assert.equal(rows[0]?.listen_addresses, "");
    const pid = Number(readFileSync(join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    assert.ok(pid > 0);
    const listening = listeningTcpInodes();
    const tcpOfServer = socketInodesOf(pid).filter((inode) => listening.has(inode));
    assert.deepEqual(tcpOfServer, [], "the postmaster holds no listening TCP socket");
  });

  void it("gives each run a role that is no superuser and can create neither roles nor databases", async () => {
    const db = await provisionDatabase(cluster);
    try {
      const client = await connectAs(cluster, db.user, db.password, db.database);
      try {
        // pg_roles is closed to runs (it lists every run's role): asked as the grader.
        const { rows } = await cluster.admin.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolconnlimit: number }>(
          "SELECT rolsuper, rolcreaterole, rolcreatedb, rolconnlimit FROM pg_roles WHERE rolname = $1",
          [db.user],
        );
        assert.deepEqual(rows[0], { rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolconnlimit: 12 });
        await assert.rejects(client.query("CREATE ROLE intruder LOGIN"), /permission denied/);
        await assert.rejects(client.query("CREATE DATABASE other"), /permission denied/);
        await assert.rejects(client.query("COPY (SELECT 1) TO PROGRAM 'true'"), /permission denied|must be superuser|pg_execute_server_program/);
        // ...but everything an app needs in its own database.
        await client.query("CREATE TABLE notes (id serial PRIMARY KEY, body text)");
        await client.query("INSERT INTO notes (body) VALUES ('hello')");
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  void it("counts a run's statements where the run cannot stop the counting, read or reset it", async () => {
    const db = await provisionDatabase(cluster);
    try {
      const client = await connectAs(cluster, db.user, db.password, db.database);
      try {
        await client.query("CREATE TABLE t (id int)");
        const before = await statementSnapshot(cluster.admin, db.database);
        await client.query("BEGIN");
        for (let i = 0; i < 3; i++) await client.query("SELECT id FROM t WHERE id = $1", [i]);
        await client.query("INSERT INTO t VALUES (1)");
        await client.query("COMMIT");
        const ran = statementsBetween(before, await statementSnapshot(cluster.admin, db.database));
        assert.deepEqual(ran.map((s) => s.calls), [3, 1], JSON.stringify(ran));
        await assert.rejects(client.query("SET pg_stat_statements.track = 'none'"), /permission denied/);
        await assert.rejects(client.query("CREATE EXTENSION pg_stat_statements"), /permission denied|must be superuser/);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  void it("keeps two runs apart: a role reaches neither the other run's database nor the shared ones", async () => {
    const a = await provisionDatabase(cluster);
    const b = await provisionDatabase(cluster);
    try {
      assert.notEqual(a.database, b.database);
      assert.notEqual(a.password, b.password);
      assert.match(await refusedReason(connectAs(cluster, a.user, a.password, b.database)), /no pg_hba\.conf entry|permission denied/);
      assert.match(await refusedReason(connectAs(cluster, b.user, b.password, a.database)), /no pg_hba\.conf entry|permission denied/);
      assert.match(await refusedReason(connectAs(cluster, a.user, a.password, "postgres")), /no pg_hba\.conf entry|permission denied/);
      assert.match(await refusedReason(connectAs(cluster, a.user, b.password, a.database)), /password authentication failed/);
      // Behind pg_hba.conf, the privilege itself is gone too.
      const { rows } = await cluster.admin.query<{ can: boolean }>("SELECT has_database_privilege($1, $2, 'CONNECT') AS can", [a.user, b.database]);
      assert.equal(rows[0]?.can, false);
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  void it("answers a real client in the real sandbox: psycopg2 and SQLAlchemy through DATABASE_URL; the socket folder is read-only and the superuser out of reach", async (t) => {
    if (sandbox === undefined) return t.skip(noSandbox);
    const db = await provisionDatabase(cluster);
    try {
      assert.equal(db.url, `postgresql://${db.user}:${db.password}@/${db.database}?host=/run/postgresql`);
      assert.deepEqual(db.mount, { hostPath: cluster.socketDir, sandboxPath: "/run/postgresql" });
      const result = await sandbox.run({
        argv: [PYTHON, "-c", PSYCOPG_AND_SQLALCHEMY],
        env: { PATH: "/usr/bin:/bin", HOME: "/work", LANG: "C.UTF-8", DATABASE_URL: db.url, SUPERUSER: cluster.superuser },
        mounts: [db.mount],
        network: "none",
        limits: { wallTimeMs: 30_000, cpuTimeMs: 20_000 },
      });
      const text = out(result);
      assert.equal(result.exitCode, 0, text);
      assert.match(text, /psycopg2: tea,cake/);
      assert.match(text, /sqlalchemy: 3/);
      assert.match(text, /socket folder: read-only/);
      assert.match(text, /superuser: .*(Peer authentication failed|no pg_hba)/, "the app's uid is not mapped to the cluster's superuser");
      assert.ok(!existsSync(join(cluster.socketDir, "planted")));

      // t.query sees what the app wrote, with numbers as numbers.
      const rows = await queryAsGrader(db, "SELECT count(*) AS n, sum(price) AS total FROM items WHERE name <> $1;", ["nothing"]);
      assert.deepEqual(rows, [{ n: 3, total: 5.6 }]);
      await assert.rejects(queryAsGrader(db, "DELETE FROM items"), /the query failed/);
      await assert.rejects(queryAsGrader(db, "SELECT nextval('items_id_seq')"), /read-only transaction/);
      assert.deepEqual(await queryAsGrader(db, "SELECT count(*) AS n FROM items"), [{ n: 3 }], "nothing was changed by the refused queries");
    } finally {
      await db.drop();
    }
  });

  void it("works with Django 3.2 through the settings snippet (migrate, then the ORM)", async (t) => {
    if (sandbox === undefined) return t.skip(noSandbox);
    const db = await provisionDatabase(cluster);
    try {
      const result = await sandbox.run({
        argv: [PYTHON, "-c", DJANGO],
        env: { PATH: "/usr/bin:/bin", HOME: "/work", LANG: "C.UTF-8", DATABASE_URL: db.url },
        mounts: [db.mount],
        network: "none",
        limits: { wallTimeMs: 60_000, cpuTimeMs: 40_000 },
      });
      assert.equal(result.exitCode, 0, out(result));
      assert.match(out(result), /django users: 1/);
      assert.deepEqual(await queryAsGrader(db, "SELECT username FROM auth_user"), [{ username: "ada" }]);
    } finally {
      await db.drop();
    }
  });

  void it("drop() ends the run's sessions and removes its database and role, and may be called twice", async () => {
    const db: ProvisionedDatabase = await provisionDatabase(cluster);
    const client = await connectAs(cluster, db.user, db.password, db.database);
    const ended = new Promise<void>((resolve) => client.once("end", () => resolve()));
    await db.drop();
    await ended;
    await db.drop();
    const { rows } = await cluster.admin.query<{ dbs: number; roles: number }>(
      "SELECT (SELECT count(*) FROM pg_database WHERE datname = $1)::int AS dbs, (SELECT count(*) FROM pg_roles WHERE rolname = $1)::int AS roles",
      [db.database],
    );
    assert.deepEqual(rows[0], { dbs: 0, roles: 0 });
    assert.match(await refusedReason(connectAs(cluster, db.user, db.password, db.database)), /no pg_hba|does not exist|authentication failed/);
  });

  void it("sweeps the databases of a grader process that died, and leaves live ones alone", async () => {
    const live = await provisionDatabase(cluster);
    const orphan = await provisionDatabase(cluster);
    try {
      const tag = (await cluster.admin.query<{ tag: string }>("SELECT shobj_description(oid, 'pg_authid') AS tag FROM pg_roles WHERE rolname = $1", [orphan.user])).rows[0]?.tag ?? "";
      // A pid that cannot be alive (above pid_max): as if its grader had died.
      await cluster.admin.query(`COMMENT ON ROLE ${orphan.user} IS '${tag.replace(/pid=\d+$/, "pid=2147483646")}'`);
      const swept = await sweepStaleDatabases(cluster);
      assert.deepEqual(swept, [orphan.user]);
      const { rows } = await cluster.admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = ANY($1)", [[live.database, orphan.database]]);
      assert.deepEqual(rows.map((row) => row.datname), [live.database]);
    } finally {
      await live.drop();
      await orphan.drop();
    }
  });

  void it("reuses the initialised cluster on a second start, in this process and after a stop", async () => {
    assert.equal(await startGraderPostgres({ dir }), cluster, "one cluster per folder and process");
    await cluster.stop();
    assert.ok(!existsSync(join(cluster.socketDir, ".s.PGSQL.5432")), "the server is gone after stop()");
    cluster = await startGraderPostgres({ dir });
    assert.equal(cluster.startKind, "started", "started again without a new initdb");

    // A start while a stop is under way waits for the stop, and a stale handle stops nothing.
    const old = cluster;
    const stopping = old.stop();
    cluster = await startGraderPostgres({ dir });
    await stopping;
    assert.notEqual(cluster, old);
    assert.equal(cluster.startKind, "started");
    await old.stop();
    const db = await provisionDatabase(cluster);
    assert.deepEqual((await queryAsGrader(db, "SELECT 1 AS one")), [{ one: 1 }]);
    await db.drop();
  });

  void it("lets two grader processes start a new folder at once: one initialises, the other waits and reuses it", async () => {
    const shared = join(root, "shared");
    const modulePath = new URL("../../src/grading/project/services/postgres.ts", import.meta.url).pathname;
    const child = `const { startGraderPostgres } = await import(${JSON.stringify(modulePath)});
const cluster = await startGraderPostgres({ dir: ${JSON.stringify(shared)} });
await cluster.admin.end();
console.log(cluster.startKind);`;
    const other = execFileAsync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", child], { timeout: 120_000 });
    const mine = await startGraderPostgres({ dir: shared });
    try {
      const theirs = (await other).stdout.trim();
      assert.deepEqual([mine.startKind, theirs].sort(), ["initialised", "reused"]);
      const db = await provisionDatabase(mine);
      assert.deepEqual(await queryAsGrader(db, "SELECT 2 AS two"), [{ two: 2 }]);
      await db.drop();
    } finally {
      await mine.stop();
    }
  });

  void it("refuses a folder that is not a grading cluster's", async () => {
    const foreign = join(root, "foreign");
    mkdirSync(foreign, { mode: 0o711 });
    writeFileSync(join(foreign, "somebody-elses.txt"), "keep me");
    await assert.rejects(startGraderPostgres({ dir: foreign }), (error: unknown) => isRoadworkError(error) && error.code === "INFRASTRUCTURE" && /not a roadwork grading cluster/.test(error.message));
    assert.deepEqual(readdirSync(foreign), ["somebody-elses.txt"], "nothing was left in it");
  });
});
