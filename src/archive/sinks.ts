/**
 * Where an archive's files go (see ArchiveSink in read.ts): into a new folder on
 * disk, written chunk by chunk as they are inflated, or nowhere, when the server only checks
 * an upload. Only regular files and folders are ever created, in a fresh private staging
 * folder, so nothing written here can later lead the host somewhere else.
 */
import { chmodSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { readArchive, type ArchiveLimits, type ArchiveSink, type FileSink, type UnpackedArchive } from "./read.js";

const discard: FileSink = { write: () => undefined, close: () => undefined };

/** Checks only: every rule applies, nothing is written. */
export const checkOnlySink: ArchiveSink = { open: () => discard };

class FolderSink implements ArchiveSink {
  constructor(private readonly root: string) {}

  open(path: string): FileSink {
    const target = join(this.root, path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    // O_EXCL and O_NOFOLLOW: never over a file or through a link, even though none can be here.
    const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    let open = true;
    return {
      write(chunk) {
        for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at);
      },
      close() {
        if (open) closeSync(fd);
        open = false;
      },
    };
  }
}

/**
 * Unpacks into `dest` (created; it must not hold anything). When every file sits in one top
 * folder (a zipped project folder), that folder is the project.
 */
export function unpackToFolder(data: Buffer, dest: string, limits: ArchiveLimits): UnpackedArchive {
  mkdirSync(dirname(dest), { recursive: true });
  const staging = mkdtempSync(join(dirname(dest), ".roadwork-unpacking-"));
  try {
    const result = readArchive(data, new FolderSink(staging), limits);
    const top = readdirSync(staging, { withFileTypes: true });
    const only = top.length === 1 && top[0]?.isDirectory() === true ? join(staging, top[0].name) : staging;
    renameSync(only, dest);
    chmodSync(dest, 0o755);
    return result;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
