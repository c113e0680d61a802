/**
 * A zip bomb built by hand, without ever holding its unpacked bytes: one entry of `mib` MiB
 * of zeros. Deflate writes 1 MiB of zeros as about 1 KiB; flushed at a byte boundary (a
 * sync flush), that block decodes to the same 1 MiB wherever it stands in a stream, so the
 * entry's data is that block `mib` times over, then an empty final block. 1 GiB packs into
 * about 1 MiB. bench/upload-bomb.mjs uses it too.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

const MiB = 1024 * 1024;

export interface ZipBombOptions {
  /** Unpacked size of the one entry, in MiB. */
  mib: number;
  /** The size the headers declare; the real size when omitted (a lying archive declares less). */
  declaredBytes?: number;
  name?: string;
}

export function zipBomb(options: ZipBombOptions): Buffer {
  const zeros = Buffer.alloc(MiB);
  // Z_SYNC_FLUSH ends the block and pads to a byte: a non-final block that can be repeated.
  const block = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  const data = Buffer.concat([...Array.from({ length: options.mib }, () => block), finalEmptyBlock]);
  let crc = 0;
  for (let i = 0; i < options.mib; i++) crc = crc32(zeros, crc);
  const size = options.declaredBytes ?? options.mib * MiB;
  const name = Buffer.from(options.name ?? "zeros.bin");

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42); // offset of the local header

  const centralStart = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
