/**
 * cgroup detection and the v2 driver, on recorded /proc texts and a folder that stands in
 * for a cgroup2 mount (this machine runs cgroup v1, so v2 is only tested this way).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectCgroups, readCgroupMounts, readOwnCgroups } from "../../src/grading/sandbox/bwrap/cgroups.js";

const V1_MOUNTINFO = [
  "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
  "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
  "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
  "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
  "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
].join("\n");
const V1_CGROUP = "8:pids:/\n4:memory:/process_api/abc\n2:cpu,cpuacct:/\n0::/\n";

void describe("cgroup detection", () => {
  void it("reads v1 hierarchies with their controllers and our place in each", () => {
    const mounts = readCgroupMounts(V1_MOUNTINFO);
    assert.deepEqual(
      mounts.map((m) => [m.mountPoint, m.type, m.controllers.join(",")]),
      [
        ["/sys/fs/cgroup/cpu,cpuacct", "cgroup", "cpu,cpuacct"],
        ["/sys/fs/cgroup/memory", "cgroup", "memory"],
        ["/sys/fs/cgroup/pids", "cgroup", "pids"],
        ["/sys/fs/cgroup/unified", "cgroup2", ""],
      ],
    );
    const own = readOwnCgroups(V1_CGROUP);
    assert.equal(own.v1.get("memory"), "/process_api/abc");
    assert.equal(own.v1.get("cpuacct"), "/");
    assert.equal(own.v2, "/");
  });

  void it("explains what is missing when no usable hierarchy is mounted", () => {
    const result = detectCgroups({ mountinfo: "31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n", cgroup: "0::/\n" });
    assert.ok("missing" in result);
    assert.match(result.missing, /memory and pids/);
  });

  void it("uses cgroup v2 under our own cgroup: delegates controllers, sets limits, reads counters", () => {
    const root = mkdtempSync(join(tmpdir(), "roadwork-fake-cgroup2-"));
    try {
      const own = join(root, "grader.service");
      mkdirSync(own);
      writeFileSync(join(own, "cgroup.controllers"), "cpuset cpu io memory pids\n");
      writeFileSync(join(own, "cgroup.subtree_control"), "");
      const driver = detectCgroups({ mountinfo: `30 23 0:26 / ${root} rw - cgroup2 cgroup2 rw\n`, cgroup: "0::/grader.service\n" });
      assert.ok(!("missing" in driver), JSON.stringify(driver));
      assert.equal(driver.version, 2);
      // A real cgroup2 folder would now list them; the fake keeps what was written.
      assert.equal(readFileSync(join(own, "cgroup.subtree_control"), "utf8"), "+memory +pids +cpu");
      const run = driver.create("roadwork-1-abc", { memoryBytes: 1048576, tasks: 9 });
      const dir = join(own, "roadwork-1-abc");
      assert.equal(readFileSync(join(dir, "memory.max"), "utf8"), "1048576");
      assert.equal(readFileSync(join(dir, "pids.max"), "utf8"), "9");
      assert.deepEqual(run.procsFiles, [join(dir, "cgroup.procs")]);
      writeFileSync(join(dir, "memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
      writeFileSync(join(dir, "pids.events"), "max 3\n");
      writeFileSync(join(dir, "cpu.stat"), "usage_usec 2500\nuser_usec 2000\n");
      const stats = run.stats();
      assert.equal(stats.oomKills, 1);
      assert.equal(stats.taskLimitHits, 3);
      assert.equal(stats.cpuTimeMs, 2.5);
      for (const name of ["memory.max", "pids.max", "memory.events", "pids.events", "cpu.stat"]) rmSync(join(dir, name));
      void run.remove();
      assert.ok(existsSync(own));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
