/**
 * Markdown to HTML for READMEs and lessons. Raw HTML in the Markdown is shown as text, not
 * interpreted, and links or images may only use http(s), mailto or relative URLs: a track
 * comes from an educator's git repository, and what it says must not run in a learner's
 * browser.
 */
import { Marked, type Tokens } from "marked";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function safeUrl(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  // Relative URLs and anchors have no scheme; anything with a scheme we did not allow is dropped.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed.replace(/[\s\u0000-\u001f]/g, ""))) return trimmed;
  return undefined;
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      const href = safeUrl(token.href);
      if (href === undefined) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<a href="${escapeHtml(href)}"${title} rel="noopener noreferrer">${text}</a>`;
    },
    image(token: Tokens.Image): string {
      const src = safeUrl(token.href);
      if (src === undefined) return escapeHtml(token.text);
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}">`;
    },
  },
});

export function renderMarkdown(markdown: string): string {
  // A table wider than a phone scrolls in its own box (styles.css), and a box that scrolls
  // must be reachable by keyboard. Raw HTML is escaped above, so every <table> here is Markdown's.
  return marked.parse(markdown, { async: false }).replaceAll("<table>", '<table tabindex="0">');
}
