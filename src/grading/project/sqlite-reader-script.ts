/**
 * The Python program that answers t.query for an app on SQLite, inside the sandbox (see
 * sqlite-query.ts). The app wrote the database, so the file is hostile input to SQLite; it is
 * opened only in here, in the sandbox's private /tmp, never in the grader's process.
 *
 * Protocol, one query at a time on stdin/stdout:
 *   in:  a JSON line {"sql", "params", "db": N, "wal": M, "maxRows"} then N + M bytes
 *   out: a JSON line {"rows": [...]} or {"error": "...", "kind": "readonly" | "rows" | "sql"}
 * Values that JSON cannot carry are tagged: {"$bytes": base64} and {"$float": "inf"}.
 */
export const SQLITE_READER_PY = String.raw`
import base64, json, math, os, sqlite3, sys, tempfile

def decode(value):
    if isinstance(value, dict) and "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    return value

def encode(value):
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    return value

def read_exactly(n):
    chunks = []
    while n > 0:
        chunk = sys.stdin.buffer.read(n)
        if not chunk:
            raise SystemExit(0)
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)

def answer(message):
    sys.stdout.write(json.dumps(message, allow_nan=False) + "\n")
    sys.stdout.flush()

def query(request):
    for name in ("q.db", "q.db-wal", "q.db-shm"):
        if os.path.exists(name):
            os.remove(name)
    with open("q.db", "wb") as f:
        f.write(read_exactly(request["db"]))
    if request["wal"] > 0:
        with open("q.db-wal", "wb") as f:
            f.write(read_exactly(request["wal"]))
    conn = sqlite3.connect("q.db", isolation_level=None)
    try:
        conn.execute("PRAGMA query_only = 1")
        try:
            cursor = conn.execute(request["sql"], [decode(p) for p in request["params"]])
        except sqlite3.OperationalError as error:
            if "readonly" in str(error):
                return {"error": str(error), "kind": "readonly"}
            return {"error": str(error), "kind": "sql"}
        except (sqlite3.Error, ValueError) as error:
            return {"error": str(error), "kind": "sql"}
        if cursor.description is None:
            return {"rows": []}
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchmany(request["maxRows"] + 1)
        if len(rows) > request["maxRows"]:
            return {"error": "too many rows", "kind": "rows"}
        return {"rows": [dict(zip(names, [encode(v) for v in row])) for row in rows]}
    except sqlite3.Error as error:
        return {"error": str(error), "kind": "sql"}
    finally:
        conn.close()

# A folder of its own in the sandbox's private, size-bounded /tmp.
os.chdir(tempfile.mkdtemp())
while True:
    line = sys.stdin.buffer.readline()
    if not line:
        break
    answer(query(json.loads(line)))
`;
