/** pkt-line framing and the receive-pack request as `git push` sends it (src/server/git/pkt-line.ts). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { advertiseReceivePack, isBranchRef, parseReceiveRequest, pktLine, reportStatus, sideband, ZERO_ID } from "../../src/server/git/pkt-line.js";

const A = "a".repeat(40);
const B = "b".repeat(40);

describe("pkt-line", () => {
  it("prefixes the length, header included, in four hex digits", () => {
    assert.equal(pktLine("hello\n").toString(), "000ahello\n");
    assert.equal(pktLine("").toString(), "0004");
  });

  it("advertises an empty repository with capabilities^{} and each ref otherwise", () => {
    const empty = advertiseReceivePack(new Map(), ["report-status", "side-band-64k"]).toString("latin1");
    assert.equal(empty, `001f# service=git-receive-pack\n0000` + pktLine(`${ZERO_ID} capabilities^{}\0report-status side-band-64k\n`).toString("latin1") + "0000");
    const two = advertiseReceivePack(new Map([["refs/heads/work", B], ["refs/heads/main", A]]), ["quiet"]).toString("latin1");
    assert.ok(two.includes(`${A} refs/heads/main\0quiet\n`), "the first ref, sorted, carries the capabilities");
    assert.ok(two.includes(`${B} refs/heads/work\n`) && !two.includes(`${B} refs/heads/work\0`));
  });

  it("parses the commands, the first one's capabilities and the pack after the flush", () => {
    const body = Buffer.concat([pktLine(`${ZERO_ID} ${A} refs/heads/main\0report-status side-band-64k agent=git/2.39\n`), pktLine(`${A} ${B} refs/heads/work\n`), Buffer.from("0000"), Buffer.from("PACK....")]);
    const parsed = parseReceiveRequest(body);
    assert.deepEqual(parsed.commands, [
      { old: ZERO_ID, new: A, ref: "refs/heads/main" },
      { old: A, new: B, ref: "refs/heads/work" },
    ]);
    assert.deepEqual(parsed.capabilities, ["report-status", "side-band-64k", "agent=git/2.39"]);
    assert.equal(parsed.pack.toString(), "PACK....");
  });

  it("takes a flush alone as git's probe before a large push: no commands", () => {
    assert.deepEqual(parseReceiveRequest(Buffer.from("0000")).commands, []);
  });

  it("refuses damaged requests by name", () => {
    for (const body of ["zzzz", "0030short", `${pktLine(`${A} ${B}`).toString()}0000`, pktLine(`${A} ${B} refs/heads/main\n`).toString(), pktLine(`shallow ${A}`).toString() + "0000", "0002"]) {
      assert.throws(() => parseReceiveRequest(Buffer.from(body)), (error: Error & { code?: string }) => error.code === "BAD_INPUT", body);
    }
  });

  it("accepts branch names git accepts and refuses the rest", () => {
    for (const ok of ["refs/heads/main", "refs/heads/feature/login", "refs/heads/v1.2"]) assert.ok(isBranchRef(ok), ok);
    for (const bad of ["refs/tags/v1", "refs/heads/", "refs/heads/a..b", "refs/heads/.hidden", "refs/heads/x.lock", "refs/heads/a b", "refs/heads/a\nb", "refs/heads/@", "refs/heads/a@{1}", "HEAD", "refs/heads/a//b", "refs/heads/a~1"]) {
      assert.ok(!isBranchRef(bad), JSON.stringify(bad));
    }
  });

  it("wraps data in side-band packets no larger than git's limit", () => {
    const big = Buffer.alloc(70_000, 0x61);
    const framed = sideband(2, big);
    const first = parseInt(framed.toString("latin1", 0, 4), 16);
    assert.equal(first, 65520);
    assert.equal(framed[4], 2);
    const second = framed.subarray(first);
    assert.equal(parseInt(second.toString("latin1", 0, 4), 16), 70_000 - 65515 + 5);
    assert.equal(second.length, 70_000 - 65515 + 5);
  });

  it("reports status: unpack, then ok or ng per ref, then a flush", () => {
    assert.equal(reportStatus(null, [{ ref: "refs/heads/main" }, { ref: "refs/tags/x", error: "only branches\nare kept" }]).toString(), "000eunpack ok\n0017ok refs/heads/main\n002ang refs/tags/x only branches are kept\n0000");
  });
});
