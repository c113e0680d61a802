/**
 * Markdown of review comments to HTML. Comments come from any learner, so the rules are
 * those of lessons (./markdown.ts: raw HTML shown as text, only http(s), mailto and relative
 * links) and tighter: no images (a comment must not make every reader's browser fetch a URL
 * of the writer's choosing), and every link opens as plain text's destination, never the app's.
 */
import { Marked, type Tokens } from "marked";
import { escapeHtml, safeUrl } from "./markdown.js";

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      const href = safeUrl(token.href);
      if (href === undefined) return text;
      return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank">${text}</a>`;
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text === "" ? token.href : token.text);
    },
  },
});

export function renderCommentMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
