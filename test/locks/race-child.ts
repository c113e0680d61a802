/**
 * One of the processes test/locks/pid-lock.test.ts races: takes the same lock again and
 * again for RACE_MS, and while it holds it, claims a marker file with O_EXCL. A marker that
 * already exists means another process holds the lock too: it prints DOUBLE and exits 1.
 * Usage: race-child.ts uid-pool|start-lock DIR MARKER RACE_MS
 */
import { openSync, closeSync, unlinkSync } from "node:fs";
import { UidPool } from "../../src/grading/sandbox/bwrap/uid-pool.js";
import { withStartLock } from "../../src/grading/project/services/postgres-start-lock.js";

const [kind, dir, marker, raceMs] = process.argv.slice(2);
if (dir === undefined || marker === undefined || raceMs === undefined) throw new Error("usage: race-child.ts uid-pool|start-lock DIR MARKER RACE_MS");
const deadline = Date.now() + Number(raceMs);
let held = 0;

function holdOnce(): void {
  let fd: number;
  try {
    fd = openSync(marker!, "wx");
  } catch {
    process.stdout.write(`DOUBLE after ${held} holds\n`);
    process.exit(1);
  }
  closeSync(fd);
  held += 1;
  unlinkSync(marker!);
}

if (kind === "uid-pool") {
  // One uid: both processes want the same lock file.
  const pool = new UidPool(dir, 1_900_000_000, 1);
  while (Date.now() < deadline) {
    let uid: number;
    try {
      uid = pool.acquire();
    } catch {
      continue;
    }
    holdOnce();
    pool.release(uid);
  }
} else {
  while (Date.now() < deadline) {
    await withStartLock(dir, async () => holdOnce());
  }
}
process.stdout.write(`held ${held}\n`);
