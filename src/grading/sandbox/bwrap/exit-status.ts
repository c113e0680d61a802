/** Turns bwrap's exit status into the run's: bwrap reports a child killed by signal N as 128+N. */
import { constants } from "node:os";

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, number]) => [number, name]));

export function decodeExit(code: number | null, signal: NodeJS.Signals | null): { exitCode: number | null; signal: string | null } {
  if (signal !== null) return { exitCode: null, signal };
  if (code !== null && code > 128) {
    const name = SIGNAL_NAMES.get(code - 128);
    if (name !== undefined) return { exitCode: null, signal: name };
  }
  return { exitCode: code, signal: null };
}
