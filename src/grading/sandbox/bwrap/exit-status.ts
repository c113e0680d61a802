/** Turns bwrap's exit status into the run's: bwrap reports a child killed by signal N as 128+N. */
import { constants } from "node:os";

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

/** A signal's name ("SIGKILL") from its number, as the kernel reports it. */
export function signalName(number: number): NodeJS.Signals | undefined {
  return SIGNAL_NAMES.get(number);
}

export function decodeExit(code: number | null, signal: NodeJS.Signals | null): { exitCode: number | null; signal: string | null } {
  if (signal !== null) return { exitCode: null, signal };
  if (code !== null && code > 128) {
    const name = signalName(code - 128);
    if (name !== undefined) return { exitCode: null, signal: name };
  }
  return { exitCode: code, signal: null };
}
