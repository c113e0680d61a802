/**
 * Git's pkt-line framing and the receive-pack request, for `git push` over smart HTTP
 * (gitprotocol-common, gitprotocol-pack, gitprotocol-http). A pkt-line is 4 hex digits of
 * length (the 4 included) then the payload; "0000" is a flush. Only what a push needs is
 * here: parsing the client's ref-update commands, the ref advertisement, and side-band
 * framing of the answer. Learner input: every length and name is checked before use.
 */
import { RoadworkError } from "../../errors.js";

export const FLUSH = Buffer.from("0000");
export const ZERO_ID = "0".repeat(40);
/** The largest pkt-line, header included (LARGE_PACKET_MAX). */
const MAX_PKT = 65520;
/** Side-band-64k payload per packet: the pkt-line maximum less its header and the band byte. */
const MAX_BAND_PAYLOAD = MAX_PKT - 5;

export function pktLine(payload: string | Buffer): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  if (body.length + 4 > MAX_PKT) throw new RoadworkError("INTERNAL", `a pkt-line of ${body.length} bytes is over git's limit`);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, "0")), body]);
}

/** `data` on side-band channel `band` (1 data, 2 progress, 3 fatal error), cut into packets. */
export function sideband(band: 1 | 2 | 3, data: string | Buffer): Buffer {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const packets: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_BAND_PAYLOAD) {
    packets.push(pktLine(Buffer.concat([Buffer.from([band]), bytes.subarray(at, at + MAX_BAND_PAYLOAD)])));
  }
  return Buffer.concat(packets);
}

export interface RefUpdate {
  old: string;
  new: string;
  ref: string;
}

export interface ReceiveRequest {
  commands: RefUpdate[];
  capabilities: string[];
  /** The packfile that follows the commands (empty when none was sent). */
  pack: Buffer;
}

const OBJECT_ID = /^[0-9a-f]{40}$/;

function bad(message: string): never {
  throw new RoadworkError("BAD_INPUT", `this is not a git push git understands: ${message}`);
}

/**
 * The body of POST git-receive-pack: `<old> <new> <ref>` lines, the first followed by NUL
 * and the client's capabilities, a flush, then the pack. A body that is a flush alone is
 * git's probe before a large push (it checks credentials first): no commands.
 */
export function parseReceiveRequest(body: Buffer): ReceiveRequest {
  const commands: RefUpdate[] = [];
  let capabilities: string[] = [];
  let at = 0;
  for (;;) {
    if (at + 4 > body.length) {
      if (at === body.length && commands.length === 0) return { commands, capabilities, pack: Buffer.alloc(0) };
      bad("the list of ref updates ends without a flush");
    }
    const hex = body.toString("latin1", at, at + 4);
    if (!/^[0-9a-f]{4}$/.test(hex)) bad(`a pkt-line length "${hex}" is not hexadecimal`);
    const length = parseInt(hex, 16);
    if (length === 0) {
      at += 4;
      break;
    }
    if (length < 4 || at + length > body.length) bad("a pkt-line is longer than the request");
    let line = body.subarray(at + 4, at + length);
    at += length;
    const nul = line.indexOf(0);
    if (nul !== -1) {
      if (commands.length === 0) capabilities = line.subarray(nul + 1).toString("utf8").trim().split(" ").filter((c) => c !== "");
      line = line.subarray(0, nul);
    }
    const text = line.toString("utf8").replace(/\n$/, "");
    if (text.startsWith("shallow ")) bad("pushes from a shallow clone are not taken; run `git fetch --unshallow` first");
    if (text.startsWith("push-cert")) bad("signed pushes are not taken");
    const [oldId, newId, ref, ...rest] = text.split(" ");
    if (oldId === undefined || newId === undefined || ref === undefined || rest.length > 0 || !OBJECT_ID.test(oldId) || !OBJECT_ID.test(newId)) bad(`"${text.slice(0, 200)}" is not "<old-id> <new-id> <ref>"`);
    commands.push({ old: oldId, new: newId, ref });
  }
  return { commands, capabilities, pack: body.subarray(at) };
}

/**
 * Whether `ref` is a branch name git itself would accept (git check-ref-format, the parts
 * that matter): refs/heads/ then slash-separated parts with no control characters, spaces,
 * ~ ^ : ? * [ \, no "..", no "@{", no part starting with "." or ending with ".lock".
 */
export function isBranchRef(ref: string): boolean {
  if (!ref.startsWith("refs/heads/") || ref.length > 255) return false;
  const name = ref.slice("refs/heads/".length);
  if (name === "" || name === "@" || name.endsWith("/") || name.endsWith(".") || name.includes("..") || name.includes("@{") || name.includes("//")) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split("/").every((part) => part !== "" && !part.startsWith(".") && !part.endsWith(".lock"));
}

/**
 * The answer to GET info/refs?service=git-receive-pack: the service line, a flush, then
 * each ref with its commit, the first carrying our capabilities (a repository with no refs
 * advertises `capabilities^{}`), then a flush.
 */
export function advertiseReceivePack(refs: ReadonlyMap<string, string>, capabilities: readonly string[]): Buffer {
  const lines: Buffer[] = [pktLine("# service=git-receive-pack\n"), FLUSH];
  const entries = [...refs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const caps = capabilities.join(" ");
  if (entries.length === 0) lines.push(pktLine(`${ZERO_ID} capabilities^{}\0${caps}\n`));
  entries.forEach(([ref, id], i) => lines.push(pktLine(i === 0 ? `${id} ${ref}\0${caps}\n` : `${id} ${ref}\n`)));
  lines.push(FLUSH);
  return Buffer.concat(lines);
}

/** report-status: `unpack ok` (or the reason), then `ok <ref>` or `ng <ref> <reason>` per command, then a flush. */
export function reportStatus(unpack: string | null, refs: readonly { ref: string; error?: string }[]): Buffer {
  const lines = [pktLine(unpack === null ? "unpack ok\n" : `unpack ${oneLine(unpack)}\n`)];
  for (const r of refs) lines.push(pktLine(r.error === undefined ? `ok ${r.ref}\n` : `ng ${r.ref} ${oneLine(r.error)}\n`));
  lines.push(FLUSH);
  return Buffer.concat(lines);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}
