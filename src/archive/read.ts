/**
 * Reads a learner's project archive (.zip or .tar.gz) in bounded steps and hands each file's
 * bytes to a sink as they come out. A small archive may unpack to gigabytes, so nothing is
 * ever inflated whole: compressed input goes in slices of SLICE bytes (deflate turns one
 * byte into at most 1032, so a step yields at most about 4 MiB), and the file count and the
 * bytes unpacked are checked after every step. A .zip is read from its central directory,
 * so the sizes it declares are summed and refused before anything is inflated, and an entry
 * that unpacks to more than it declared is stopped there. Every name is checked (no absolute
 * paths, no `..`, no backslashes or NUL), links and devices are refused, and a name listed
 * twice, or both as a file and a folder, is refused whatever the sink.
 *
 * Synchronous and thread-agnostic: unpack.ts runs it on a worker thread.
 */
import { crc32 } from "node:zlib";
import { Gunzip, Inflate } from "fflate";
import { Parser, type ReadEntry } from "tar";
import { RoadworkError } from "../errors.js";

export interface ArchiveLimits {
  maxFiles: number;
  maxUnpackedBytes: number;
}

export interface UnpackedArchive {
  format: "zip" | "tar.gz";
  files: number;
  bytes: number;
}

/** Where the files go: a folder on disk, or nowhere (a check). Paths are already safe. */
export interface ArchiveSink {
  open(path: string): FileSink;
}

export interface FileSink {
  write(chunk: Uint8Array): void;
  close(): void;
}

/**
 * Compressed bytes inflated per step. Larger steps are faster (each step copies the 32 KiB
 * window: 40 MiB of source code inflated in 1.2 s in 4 KiB steps, 0.8 s in 16 KiB ones) but
 * hold more at once (a bomb's 16 KiB step is 16 MiB): a project is rarely over a few MiB.
 */
const SLICE = 4096;
const MiB = 1024 * 1024;

/** Checks one name from an archive and returns it normalised (forward slashes, no "./"). */
export function safeEntryPath(raw: string): string {
  const name = raw.replace(/^(\.\/)+/, "");
  const bad = (why: string): never => {
    throw new RoadworkError("BAD_INPUT", `the archive contains "${raw}", ${why}; pack your project folder with relative paths only`);
  };
  if (name.includes("\0")) bad("a name with a NUL byte");
  if (name.includes("\\")) bad("a name with a backslash");
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) bad("an absolute path");
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) bad("a path that climbs out with ..");
  if (parts.length === 0) bad("an empty name");
  return parts.join("/");
}

export function detectFormat(data: Uint8Array): "zip" | "tar.gz" | undefined {
  if (data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return "zip";
  if (data[0] === 0x1f && data[1] === 0x8b) return "tar.gz";
  return undefined;
}

export function readArchive(data: Buffer, sink: ArchiveSink, limits: ArchiveLimits): UnpackedArchive {
  const format = detectFormat(data);
  if (format === undefined) throw new RoadworkError("BAD_INPUT", "the upload is neither a .zip nor a .tar.gz archive");
  const budget = new Budget(limits);
  const files = new FileNames(sink);
  if (format === "zip") readZip(data, files, budget);
  else readTarGz(data, files, budget, limits);
  if (budget.files === 0) throw new RoadworkError("BAD_INPUT", "the archive holds no files");
  return { format, files: budget.files, bytes: budget.bytes };
}

function tooLarge(limits: ArchiveLimits): RoadworkError {
  return new RoadworkError("PAYLOAD_TOO_LARGE", `the archive unpacks to more than ${Math.round(limits.maxUnpackedBytes / MiB)} MiB`);
}

class Budget {
  files = 0;
  bytes = 0;
  constructor(readonly limits: ArchiveLimits) {}
  addFile(): void {
    if (++this.files > this.limits.maxFiles) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the archive holds more than ${this.limits.maxFiles} files`);
  }
  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxUnpackedBytes) throw tooLarge(this.limits);
  }
}

/** Opens files in the sink, refusing a name twice or a name that is both a file and a folder. */
class FileNames {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  constructor(private readonly sink: ArchiveSink) {}

  open(path: string): FileSink {
    if (this.files.has(path)) throw new RoadworkError("BAD_INPUT", `"${path}" is listed twice in the archive; pack each file once`);
    if (this.folders.has(path)) throw new RoadworkError("BAD_INPUT", `the archive holds "${path}" both as a file and as a folder`);
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join("/");
      if (this.files.has(folder)) throw new RoadworkError("BAD_INPUT", `the archive holds "${folder}" both as a file and as a folder`);
      this.folders.add(folder);
    }
    this.files.add(path);
    return this.sink.open(path);
  }
}

// ------------------------------------------------------------------------------------ zip

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function damaged(why: string): RoadworkError {
  return new RoadworkError("BAD_INPUT", `the .zip archive is damaged (${why})`);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Names flagged UTF-8, or valid UTF-8 (Info-ZIP writes them without the flag), else Latin-1. */
function entryName(bytes: Buffer, flaggedUtf8: boolean): string {
  if (!flaggedUtf8) {
    try {
      return utf8.decode(bytes);
    } catch {
      return bytes.toString("latin1");
    }
  }
  return bytes.toString("utf8");
}

/** The central directory: the archive's own list of entries, with types and declared sizes. */
function centralDirectory(data: Buffer): ZipEntry[] {
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > data.length) throw damaged("no central directory");
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new RoadworkError("BAD_INPUT", "the .zip archive uses ZIP64 for more than 65535 files or 4 GiB; a project needs neither");
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw damaged("bad central directory");
    const flags = data.readUInt16LE(at + 8);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    if (at + 46 + nameLength + extraLength > data.length) throw damaged("bad central directory");
    const name = entryName(data.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    const madeOnUnix = data[at + 5] === 3;
    const mode = data.readUInt32LE(at + 38) >>> 16;
    if (madeOnUnix && (mode & 0o170000) === 0o120000) throw new RoadworkError("BAD_INPUT", `the archive contains a symbolic link "${name}"; links are not accepted, include the file itself`);
    if ((flags & 1) !== 0) throw new RoadworkError("BAD_INPUT", `the archive is encrypted ("${name}"); pack it without a password`);
    const entry: ZipEntry = {
      name,
      method: data.readUInt16LE(at + 10),
      crc: data.readUInt32LE(at + 16),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
    };
    readZip64Sizes(entry, data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + data.readUInt16LE(at + 32);
  }
  return entries;
}

/** Writers that stream (sizes unknown up front) may store 32-bit sizes in the ZIP64 extra field. */
function readZip64Sizes(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) throw damaged(`bad ZIP64 sizes for "${entry.name}"`);
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + length;
  }
}

function readZip(data: Buffer, files: FileNames, budget: Budget): void {
  const entries = centralDirectory(data);
  const fileEntries = entries.filter((entry) => {
    safeEntryPath(entry.name);
    return !entry.name.endsWith("/");
  });
  // What the archive declares is refused before a byte is inflated; what it hides, below.
  if (fileEntries.length > budget.limits.maxFiles) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the archive holds more than ${budget.limits.maxFiles} files`);
  if (fileEntries.reduce((sum, entry) => sum + entry.size, 0) > budget.limits.maxUnpackedBytes) throw tooLarge(budget.limits);
  for (const entry of fileEntries) {
    budget.addFile();
    const out = files.open(safeEntryPath(entry.name));
    try {
      unzipEntry(data, entry, budget, out);
    } finally {
      out.close();
    }
  }
}

function unzipEntry(data: Buffer, entry: ZipEntry, budget: Budget, out: FileSink): void {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) throw damaged(`no local header for "${entry.name}"`);
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw damaged(`"${entry.name}" is cut short`);
  let written = 0;
  let crc = 0;
  const take = (chunk: Uint8Array): void => {
    written += chunk.length;
    if (written > entry.size) throw new RoadworkError("BAD_INPUT", `the archive is damaged at "${entry.name}": it unpacks to more than the ${entry.size} bytes it declares`);
    budget.addBytes(chunk.length);
    crc = crc32(chunk, crc);
    out.write(chunk);
  };
  if (entry.size === 0 && entry.compressedSize === 0) {
    // An empty file: some writers mark it deflated with no data at all.
  } else if (entry.method === 0) {
    for (let i = start; i < end; i += SLICE * 16) take(data.subarray(i, Math.min(end, i + SLICE * 16)));
  } else if (entry.method === 8) {
    let ended = false;
    const inflate = new Inflate((chunk, final) => {
      if (chunk.length > 0) take(chunk);
      if (final) ended = true;
    });
    try {
      for (let i = start; i < end; i += SLICE) inflate.push(data.subarray(i, Math.min(end, i + SLICE)), i + SLICE >= end);
    } catch (error) {
      if (error instanceof RoadworkError) throw error;
      throw new RoadworkError("BAD_INPUT", `the archive is damaged at "${entry.name}": ${(error as Error).message}`, { cause: error });
    }
    if (!ended) throw damaged(`"${entry.name}" is cut short`);
  } else {
    throw new RoadworkError("BAD_INPUT", `the archive stores "${entry.name}" with compression method ${entry.method}; use zip's usual deflate`);
  }
  if (written !== entry.size) throw new RoadworkError("BAD_INPUT", `the archive is damaged at "${entry.name}": it unpacks to ${written} bytes, not the ${entry.size} it declares`);
  if (crc >>> 0 !== entry.crc) throw new RoadworkError("BAD_INPUT", `the archive is damaged at "${entry.name}": its checksum does not match`);
}

// ------------------------------------------------------------------------------------ tar.gz

function readTarGz(data: Buffer, files: FileNames, budget: Budget, limits: ArchiveLimits): void {
  // The gzip layer is bounded too: a tiny .tar.gz may expand to gigabytes of padding.
  const tarBound = limits.maxUnpackedBytes + MiB + limits.maxFiles * 1024;
  let failure: unknown;
  let current: FileSink | undefined;
  const fail = (error: unknown): void => {
    failure ??= error;
  };
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      if (failure !== undefined) return entry.resume();
      try {
        if (entry.type === "Directory") {
          // `tar czf project.tgz .` starts with the folder itself, "./": nothing to check.
          if (!/^(\.\/?)+$/.test(entry.path)) safeEntryPath(entry.path);
          entry.resume();
          return;
        }
        const path = safeEntryPath(entry.path);
        if (entry.type === "SymbolicLink" || entry.type === "Link") {
          throw new RoadworkError("BAD_INPUT", `the archive contains a link "${entry.path}"; links are not accepted, include the file itself`);
        }
        if (entry.type !== "File" && entry.type !== "OldFile" && entry.type !== "ContiguousFile") {
          throw new RoadworkError("BAD_INPUT", `the archive contains "${entry.path}" of type ${entry.type}; only files and folders are accepted`);
        }
        budget.addFile();
        budget.addBytes(entry.size ?? 0);
        const out = files.open(path);
        current = out;
        entry.on("data", (chunk: Buffer) => {
          if (failure !== undefined) return;
          try {
            out.write(chunk);
          } catch (error) {
            fail(error);
          }
        });
        entry.on("end", () => {
          out.close();
          if (current === out) current = undefined;
        });
      } catch (error) {
        fail(error);
        entry.resume();
      }
    },
  });
  parser.on("error", (error: Error) => fail(new RoadworkError("BAD_INPUT", `the .tar.gz archive is damaged: ${error.message}`)));
  let tarBytes = 0;
  const gunzip = new Gunzip((chunk) => {
    tarBytes += chunk.length;
    if (tarBytes > tarBound) throw tooLarge(limits);
    parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  try {
    for (let i = 0; i < data.length && failure === undefined; i += SLICE) gunzip.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    if (failure === undefined) parser.end();
  } catch (error) {
    fail(error instanceof RoadworkError ? error : new RoadworkError("BAD_INPUT", `the .tar.gz archive is damaged: ${(error as Error).message}`, { cause: error }));
  } finally {
    current?.close();
  }
  if (failure !== undefined) throw failure;
}
