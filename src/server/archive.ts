/**
 * Unpacks a learner's project archive (.zip or .tar.gz) into a fresh folder, safely: every
 * name is checked (no absolute paths, no `..`, no backslashes or NUL), links and devices
 * are refused, and the number of files and the bytes unpacked are bounded while unpacking
 * (a small archive may expand to gigabytes). Only regular files and folders are created,
 * so nothing written here can later lead the host somewhere else.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Unzip, UnzipInflate } from "fflate";
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

interface Entry {
  path: string;
  data: Uint8Array;
}

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

export async function unpackArchive(data: Buffer, dest: string, limits: ArchiveLimits): Promise<UnpackedArchive> {
  const format = detectFormat(data);
  if (format === undefined) throw new RoadworkError("BAD_INPUT", "the upload is neither a .zip nor a .tar.gz archive");
  const entries = format === "zip" ? readZip(data, limits) : await readTarGz(data, limits);
  const files = stripCommonFolder(entries.filter((e) => !e.path.endsWith("/")));
  if (files.length === 0) throw new RoadworkError("BAD_INPUT", "the archive holds no files");
  mkdirSync(dest, { recursive: true });
  let bytes = 0;
  for (const file of files) {
    const target = join(dest, file.path);
    mkdirSync(dirname(target), { recursive: true });
    // "wx": a name twice in one archive is refused, never silently overwritten.
    try {
      writeFileSync(target, file.data, { flag: "wx", mode: 0o644 });
    } catch (error) {
      throw new RoadworkError("BAD_INPUT", `the archive cannot be unpacked at "${file.path}" (${(error as NodeJS.ErrnoException).code ?? "error"}): is a name listed twice, or both a file and a folder?`, { cause: error });
    }
    bytes += file.data.length;
  }
  return { format, files: files.length, bytes };
}

/** When every file sits in one top folder (a zipped project folder), that folder is the project. */
function stripCommonFolder(entries: Entry[]): Entry[] {
  const first = entries[0]?.path.split("/")[0];
  if (first === undefined || !entries.every((e) => e.path.startsWith(`${first}/`))) return entries;
  return entries.map((e) => ({ path: e.path.slice(first.length + 1), data: e.data }));
}

class Budget {
  files = 0;
  bytes = 0;
  constructor(private readonly limits: ArchiveLimits) {}
  addFile(): void {
    if (++this.files > this.limits.maxFiles) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the archive holds more than ${this.limits.maxFiles} files`);
  }
  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxUnpackedBytes) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the archive unpacks to more than ${Math.round(this.limits.maxUnpackedBytes / 1024 / 1024)} MiB`);
  }
}

function readZip(data: Buffer, limits: ArchiveLimits): Entry[] {
  refuseZipLinks(data);
  const budget = new Budget(limits);
  const entries: Entry[] = [];
  let failure: unknown;
  const unzip = new Unzip((file) => {
    if (failure !== undefined) return;
    try {
      const path = safeEntryPath(file.name);
      if (file.name.endsWith("/")) return;
      budget.addFile();
      const chunks: Uint8Array[] = [];
      file.ondata = (error, chunk, final) => {
        if (failure !== undefined) return;
        try {
          if (error) throw new RoadworkError("BAD_INPUT", `the archive is damaged at "${file.name}": ${error.message}`);
          budget.addBytes(chunk.length);
          chunks.push(chunk);
          if (final) entries.push({ path, data: Buffer.concat(chunks) });
        } catch (caught) {
          failure = caught;
          file.terminate();
        }
      };
      file.start();
    } catch (caught) {
      failure = caught;
    }
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(data, true);
  } catch (error) {
    failure ??= new RoadworkError("BAD_INPUT", `the archive is damaged: ${(error as Error).message}`);
  }
  if (failure !== undefined) throw failure;
  return entries;
}

/**
 * fflate does not expose a zip entry's file type, so read it from the central directory:
 * an entry made on Unix carries its mode in the upper half of the external attributes.
 */
function refuseZipLinks(data: Buffer): void {
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > data.length) throw new RoadworkError("BAD_INPUT", "the .zip archive is damaged (no central directory)");
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw new RoadworkError("BAD_INPUT", "the .zip archive is damaged (bad central directory)");
    const madeOnUnix = data[at + 5] === 3;
    const mode = data.readUInt32LE(at + 38) >>> 16;
    const nameLength = data.readUInt16LE(at + 28);
    const name = data.toString("utf8", at + 46, at + 46 + nameLength);
    if (madeOnUnix && (mode & 0o170000) === 0o120000) throw new RoadworkError("BAD_INPUT", `the archive contains a symbolic link "${name}"; links are not accepted, include the file itself`);
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
}

async function readTarGz(data: Buffer, limits: ArchiveLimits): Promise<Entry[]> {
  let tar: Buffer;
  try {
    // The gzip layer is bounded too: a tiny .tar.gz may expand to gigabytes of padding.
    tar = gunzipSync(data, { maxOutputLength: limits.maxUnpackedBytes + 1024 * 1024 + limits.maxFiles * 1024 });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new RoadworkError("PAYLOAD_TOO_LARGE", `the archive unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MiB`);
    }
    throw new RoadworkError("BAD_INPUT", `the .tar.gz archive is damaged: ${(error as Error).message}`);
  }
  const budget = new Budget(limits);
  const entries: Entry[] = [];
  let failure: unknown;
  await new Promise<void>((resolve) => {
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
          const chunks: Buffer[] = [];
          entry.on("data", (chunk: Buffer) => chunks.push(chunk));
          entry.on("end", () => entries.push({ path, data: Buffer.concat(chunks) }));
        } catch (caught) {
          failure = caught;
          entry.resume();
        }
      },
    });
    parser.on("error", (error: Error) => {
      failure ??= new RoadworkError("BAD_INPUT", `the .tar.gz archive is damaged: ${error.message}`);
    });
    parser.on("close", () => resolve());
    parser.on("end", () => resolve());
    parser.end(tar);
  });
  if (failure !== undefined) throw failure;
  return entries;
}
