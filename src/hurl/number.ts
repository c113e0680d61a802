/**
 * Hurl's numbers: an integer (a bigint past 2^53, where a JavaScript number would round)
 * or a float. A float with a fraction is a plain number; a whole one (1.0, 2e3) is a
 * HurlFloat, because a plain 1 would read as the integer 1.
 */

/** A float whose value is whole (1.0, 2e3): Hurl writes it back as "1.0". */
export class HurlFloat {
  constructor(readonly value: number) {}
}

/** The value of any JSON number, as a JavaScript number (for comparisons). */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof HurlFloat) return value.value;
  return undefined;
}

export function isHurlInteger(value: unknown): boolean {
  return typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));
}

export function isHurlFloat(value: unknown): boolean {
  return value instanceof HurlFloat || (typeof value === "number" && !Number.isInteger(value));
}

/** A number as Hurl writes it: 1, 1.0, 1.5, 12345678901234567890. */
export function formatNumber(value: number | bigint | HurlFloat): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof HurlFloat) return Math.abs(value.value) < 1e21 ? `${value.value}.0` : `${BigInt(value.value).toString()}.0`;
  return String(value);
}

