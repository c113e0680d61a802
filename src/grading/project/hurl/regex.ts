/**
 * Hurl patterns are Rust regexes; we run them as JavaScript RegExp. The syntax shared by
 * both covers what tests need; the one common difference, a leading inline flag group such
 * as `(?i)`, is turned into a RegExp flag because Node 20 does not know inline modifiers.
 */

export function compileHurlRegex(source: string): RegExp {
  let flags = "";
  let pattern = source;
  const inline = /^\(\?([a-z]+)\)/.exec(source);
  if (inline) {
    for (const flag of inline[1] ?? "") {
      if (flag !== "i" && flag !== "m" && flag !== "s") throw new SyntaxError(`the inline flag (?${flag}) is not supported`);
      if (!flags.includes(flag)) flags += flag;
    }
    pattern = source.slice(inline[0].length);
  }
  return new RegExp(pattern, flags);
}
