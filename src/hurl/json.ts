/**
 * JSON as Hurl reads it: a number written with a fraction or an exponent is a float, any
 * other is an integer, and an integer keeps every digit. JSON.parse loses both (1.0 becomes
 * 1, 12345678901234567890 is rounded), which changes isInteger, isFloat and how a captured
 * value is written into a later request. So response bodies, captures and Hurl JSON bodies
 * are parsed here: an integral float is a HurlFloat, an integer past 2^53 a bigint; every
 * other number a plain number.
 */
import { formatNumber, HurlFloat } from "./number.js";
import type { JsonValue } from "./types.js";

export class JsonSyntaxError extends SyntaxError {}

export function parseJson(text: string): JsonValue {
  const parser = new JsonParser(text);
  parser.space();
  const value = parser.value();
  parser.space();
  if (!parser.atEnd()) parser.fail("unexpected text after the JSON value");
  return value;
}

class JsonParser {
  private i = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new JsonSyntaxError(`${message} at position ${this.i}`);
  }

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  space(): void {
    while (this.i < this.text.length && " \t\n\r".includes(this.text.charAt(this.i))) this.i++;
  }

  value(): JsonValue {
    const c = this.text.charAt(this.i);
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    return this.fail(c === "" ? "unexpected end of JSON" : `unexpected character ${JSON.stringify(c)}`);
  }

  private object(): JsonValue {
    this.i++;
    const out: { [key: string]: JsonValue } = {};
    this.space();
    if (this.text.charAt(this.i) === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text.charAt(this.i) !== '"') this.fail("expected a string key");
      const key = this.string();
      this.space();
      if (this.text.charAt(this.i) !== ":") this.fail('expected ":"');
      this.i++;
      this.space();
      // defineProperty: a key named __proto__ is data, never the object's prototype.
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.text.charAt(this.i++);
      if (c === "}") return out;
      if (c !== ",") this.fail('expected "," or "}"');
    }
  }

  private array(): JsonValue {
    this.i++;
    const out: JsonValue[] = [];
    this.space();
    if (this.text.charAt(this.i) === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value());
      this.space();
      const c = this.text.charAt(this.i++);
      if (c === "]") return out;
      if (c !== ",") this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const start = this.i;
    // The closing quote: the first one not escaped.
    let end = start + 1;
    for (;;) {
      const c = this.text.charAt(end);
      if (c === "") this.fail("unterminated string");
      if (c === "\\") end += 2;
      else if (c === '"') break;
      else end++;
    }
    this.i = end + 1;
    try {
      return JSON.parse(this.text.slice(start, end + 1)) as string;
    } catch (error) {
      return this.fail((error as Error).message);
    }
  }

  private number(): JsonValue {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (match === null) return this.fail("invalid number");
    this.i += match[0].length;
    if (match[2] !== undefined || match[3] !== undefined) {
      const value = Number(match[0]);
      return Number.isInteger(value) ? new HurlFloat(value) : value;
    }
    const value = Number(match[0]);
    return Number.isSafeInteger(value) ? value : BigInt(match[0]);
  }
}

/** JSON text of a value, compact or (`spaced`) with a space after , and : as Python's json.dumps writes it. */
export function writeJson(value: JsonValue, spaced = false): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "bigint" || value instanceof HurlFloat) return formatNumber(value);
  const [comma, colon] = spaced ? [", ", ": "] : [",", ":"];
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item, spaced)).join(comma)}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}${colon}${writeJson(v, spaced)}`)
    .join(comma)}}`;
}
