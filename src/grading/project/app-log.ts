/**
 * The app's stdout and stderr, interleaved as they arrive, across restarts. Only the end is
 * kept: a failure message shows the last lines, which is where the traceback is.
 */
export class AppLog {
  private text = "";
  constructor(private readonly maxChars = 64 * 1024) {}

  append(chunk: Buffer | string): void {
    this.text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (this.text.length > this.maxChars * 2) this.text = this.text.slice(-this.maxChars);
  }

  note(line: string): void {
    this.append(`${this.text === "" || this.text.endsWith("\n") ? "" : "\n"}[roadwork] ${line}\n`);
  }

  /** The last `lines` lines, or "" when the app printed nothing. */
  tail(lines = 30): string {
    const all = this.text.slice(-this.maxChars).replace(/\s+$/, "").split("\n");
    return all.slice(-lines).join("\n");
  }
}
