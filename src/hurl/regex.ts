/**
 * Hurl patterns are Rust regexes; we run them as JavaScript RegExp in Unicode mode, after
 * translating what the two read differently. Rust's \d, \w, \s and \b are Unicode-aware
 * (\d matches "٣" too); JavaScript's are ASCII even with the u flag, so they become Unicode
 * property classes. Rust's \A and \z become look-arounds; a leading inline flag group such as
 * `(?i)` becomes a RegExp flag, because Node 20 knows no inline modifiers. Anything the
 * translation does not cover is refused by name rather than read differently.
 */

/** The characters of Rust's Unicode \w. */
const WORD = String.raw`\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}`;
const ESCAPES: Record<string, { outside: string; inside?: string }> = {
  d: { outside: String.raw`\p{Nd}`, inside: String.raw`\p{Nd}` },
  D: { outside: String.raw`\P{Nd}`, inside: String.raw`\P{Nd}` },
  s: { outside: String.raw`\p{White_Space}`, inside: String.raw`\p{White_Space}` },
  S: { outside: String.raw`\P{White_Space}`, inside: String.raw`\P{White_Space}` },
  w: { outside: `[${WORD}]`, inside: WORD },
  W: { outside: `[^${WORD}]` },
  b: { outside: `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))` },
  B: { outside: `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))` },
  A: { outside: String.raw`(?<![\s\S])` },
  z: { outside: String.raw`(?![\s\S])` },
};
/** Escapes both dialects read the same way, in Unicode mode. */
const SHARED_ESCAPES = new Set([..."^$\\.*+?()[]{}|/nrtfv0123456789", "-", "p", "P", "x", "u"]);

export function compileHurlRegex(source: string): RegExp {
  let flags = "u";
  let pattern = source;
  const inline = /^\(\?([a-z]+)\)/.exec(source);
  if (inline) {
    for (const flag of inline[1] ?? "") {
      if (flag !== "i" && flag !== "m" && flag !== "s") throw new SyntaxError(`the inline flag (?${flag}) is not supported`);
      if (!flags.includes(flag)) flags += flag;
    }
    pattern = source.slice(inline[0].length);
  }
  return new RegExp(translate(pattern), flags);
}

function translate(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "\\") {
      const next = pattern.charAt(i + 1);
      i++;
      const mapped = ESCAPES[next];
      if (mapped !== undefined) {
        const text = inClass ? mapped.inside : mapped.outside;
        if (text === undefined) throw new SyntaxError(`\\${next} inside [...] is not supported`);
        out += text;
      } else if (next === "p" || next === "P") {
        // Rust's \pL (one letter) is \p{L}; \p{...} is the same in both.
        if (pattern.charAt(i + 1) === "{") out += `\\${next}`;
        else {
          out += `\\${next}{${pattern.charAt(i + 1)}}`;
          i++;
        }
      } else if (next === "-" && !inClass) {
        out += "\\x2d";
      } else if (SHARED_ESCAPES.has(next) || /[a-zA-Z0-9]/.test(next)) {
        // Letters Rust knows and JavaScript does not are refused by the RegExp constructor.
        out += `\\${next}`;
      } else {
        // Rust lets any punctuation be escaped; Unicode-mode JavaScript only its own syntax characters.
        out += `\\u{${(next.codePointAt(0) ?? 0).toString(16)}}`;
      }
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}
