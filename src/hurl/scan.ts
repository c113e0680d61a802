/**
 * Reading the pieces of one Hurl line: key-values, quoted strings, {{templates}}, regex
 * literals and words. A Cursor walks one line; every error it raises names the file and
 * line through the `fail` it is given.
 */
import type { Template, TemplatePart } from "./types.js";

export type Fail = (message: string) => never;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Characters that a backslash may escape, and what they stand for (Hurl's escapes). */
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  "#": "#",
  ":": ":",
  "`": "`",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

export class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly fail: Fail,
  ) {}

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpaces(): void {
    while (this.peek() === " " || this.peek() === "\t") this.pos++;
  }

  /** True when only spaces and a comment remain. */
  atEnd(): boolean {
    const rest = this.text.slice(this.pos).trimStart();
    return rest === "" || rest.startsWith("#");
  }

  expectEnd(what: string): void {
    this.skipSpaces();
    if (!this.atEnd()) this.fail(`unexpected "${this.text.slice(this.pos).trim()}" after ${what}`);
  }

  /** A run of letters and digits (query, predicate and filter names). */
  readWord(): string {
    const start = this.pos;
    while (/[A-Za-z0-9_]/.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** The next whitespace-delimited token, for messages about what could not be read. */
  peekToken(): string {
    const rest = this.text.slice(this.pos).trimStart();
    return rest.split(/\s/)[0] ?? "";
  }

  /** One escape after a backslash (the cursor is on the backslash). */
  readEscape(): string {
    const next = this.peek(1);
    if (next === "u" && this.peek(2) === "{") {
      const close = this.text.indexOf("}", this.pos + 3);
      const hex = close < 0 ? "" : this.text.slice(this.pos + 3, close);
      if (!/^[0-9A-Fa-f]{1,8}$/.test(hex)) this.fail("a \\u{...} escape needs 1 to 8 hexadecimal digits");
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) this.fail(`\\u{${hex}} is not a Unicode character`);
      this.pos = close + 1;
      return String.fromCodePoint(code);
    }
    const value = ESCAPES[next];
    if (value === undefined) this.fail(`unknown escape \\${next}`);
    this.pos += 2;
    return value;
  }

  /** A `{{name}}` placeholder (the cursor is on the first brace). */
  readPlaceholder(): string {
    const close = this.text.indexOf("}}", this.pos + 2);
    if (close < 0) this.fail("a {{ is not closed by }}");
    const inner = this.text.slice(this.pos + 2, close).trim();
    this.pos = close + 2;
    return checkVariableName(inner, this.fail);
  }

  /** A "quoted string" with escapes and {{templates}}. */
  readQuoted(): Template {
    const start = this.pos;
    if (this.peek() !== '"') this.fail(`expected a "quoted string" but found ${this.peekToken() || "the end of the line"}`);
    this.pos++;
    const builder = new TemplateBuilder();
    for (;;) {
      const c = this.peek();
      if (c === "") this.fail("a quoted string is not closed");
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === "\\") builder.text(this.readEscape());
      else if (this.startsWith("{{")) builder.variable(this.readPlaceholder());
      else {
        builder.text(c);
        this.pos++;
      }
    }
    return builder.build(this.text.slice(start, this.pos));
  }

  /** A /regex/ literal, returned as the JavaScript source between the slashes. */
  readRegexLiteral(): string {
    if (this.peek() !== "/") this.fail("expected a /regex/");
    let source = "";
    this.pos++;
    for (;;) {
      const c = this.peek();
      if (c === "") this.fail("a /regex/ is not closed");
      if (c === "/") {
        this.pos++;
        return source;
      }
      if (c === "\\" && this.peek(1) === "/") {
        source += "\\/";
        this.pos += 2;
      } else if (c === "\\") {
        source += c + this.peek(1);
        this.pos += 2;
      } else {
        source += c;
        this.pos++;
      }
    }
  }

  /**
   * A value-string up to an unescaped `#` (a comment) or the end, trimmed: header and
   * parameter values, URLs. Escapes and {{templates}} are read.
   */
  readValueString(): Template {
    this.skipSpaces();
    const start = this.pos;
    const builder = new TemplateBuilder();
    let end = this.pos;
    while (this.pos < this.text.length && this.peek() !== "#") {
      const c = this.peek();
      if (c === "\\") builder.text(this.readEscape());
      else if (this.startsWith("{{")) builder.variable(this.readPlaceholder());
      else {
        builder.text(c);
        this.pos++;
      }
      if (c !== " " && c !== "\t") end = this.pos;
    }
    // Trailing spaces before a comment are not part of the value.
    return builder.build(this.text.slice(start, end), true);
  }

  /** A key up to an unescaped `:` (header names, parameter names, capture names). */
  readKey(): Template {
    this.skipSpaces();
    const start = this.pos;
    const builder = new TemplateBuilder();
    while (this.pos < this.text.length && this.peek() !== ":") {
      const c = this.peek();
      if (c === "\\") builder.text(this.readEscape());
      else if (this.startsWith("{{")) builder.variable(this.readPlaceholder());
      else if (/[A-Za-z0-9_.\-[\]@$]/.test(c)) {
        builder.text(c);
        this.pos++;
      } else if (c === " " || c === "\t") {
        this.skipSpaces();
        if (this.peek() !== ":") this.fail(`a key cannot contain spaces: "${this.text.trim()}"`);
      } else this.fail(`expected "key: value" but found "${this.text.trim()}"`);
    }
    if (this.peek() !== ":") this.fail(`expected "key: value" but found "${this.text.trim()}"`);
    const key = builder.build(this.text.slice(start, this.pos).trim(), true);
    if (key.source === "") this.fail(`a key is missing before ":" in "${this.text.trim()}"`);
    this.pos++;
    return key;
  }
}

export function checkVariableName(name: string, fail: Fail): string {
  if (name.includes("|")) fail(`template filters are not supported: {{${name}}}`);
  if (!VARIABLE_NAME.test(name)) fail(`"${name}" is not a variable name (letters, digits, _ and -)`);
  return name;
}

/** Collects text and placeholders into a Template, merging adjacent text. */
export class TemplateBuilder {
  private readonly parts: TemplatePart[] = [];

  text(text: string): void {
    const last = this.parts[this.parts.length - 1];
    if (last?.kind === "text") last.text += text;
    else this.parts.push({ kind: "text", text });
  }

  variable(name: string, inJsonString?: boolean): void {
    this.parts.push(inJsonString === undefined ? { kind: "var", name } : { kind: "var", name, inJsonString });
  }

  build(source: string, trimEnd = false): Template {
    if (trimEnd) {
      const last = this.parts[this.parts.length - 1];
      if (last?.kind === "text") {
        last.text = last.text.replace(/[ \t]+$/, "");
        if (last.text === "") this.parts.pop();
      }
    }
    return { parts: this.parts, source };
  }
}

/** Reads {{templates}} in free text (multiline bodies) where no escapes apply. */
export function parseTemplateText(text: string, fail: Fail): Template {
  const builder = new TemplateBuilder();
  let pos = 0;
  for (;;) {
    const open = text.indexOf("{{", pos);
    if (open < 0) {
      if (pos < text.length) builder.text(text.slice(pos));
      break;
    }
    if (open > pos) builder.text(text.slice(pos, open));
    const close = text.indexOf("}}", open + 2);
    if (close < 0) fail("a {{ is not closed by }}");
    builder.variable(checkVariableName(text.slice(open + 2, close).trim(), fail));
    pos = close + 2;
  }
  return builder.build(text);
}

export function literalTemplate(text: string): Template {
  return { parts: text === "" ? [] : [{ kind: "text", text }], source: text };
}

/** The text of a template without placeholders, or undefined when it has any. */
export function staticText(template: Template): string | undefined {
  let text = "";
  for (const part of template.parts) {
    if (part.kind === "var") return undefined;
    text += part.text;
  }
  return text;
}
