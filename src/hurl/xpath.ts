/**
 * The xpath query: XPath 1.0 over an HTML or XML body, as Hurl evaluates it with libxml2.
 *
 * HTML is parsed by parse5 (the WHATWG algorithm browsers use: unclosed tags, implied
 * <tbody>, entities), then copied into an @xmldom/xmldom document WITHOUT the XHTML
 * namespace, so that `//h1` selects <h1> as it does in Hurl (libxml2's HTML parser puts
 * elements in no namespace; an XPath name without a prefix never matches a namespaced
 * element). XML is parsed by xmldom; the prefixes the root element declares can be used in
 * the expression, and `_` names its default namespace, as in Hurl. The `xpath` package
 * evaluates the expression.
 *
 * This module is loaded only by Hurl files that have an xpath query (run.ts): the three
 * libraries cost a noticeable part of a start, which every other project stage is spared.
 */
import { DOMImplementation, DOMParser, type Document as XmlDocument, type Element as XmlElement, type Node as XmlNode } from "@xmldom/xmldom";
import { parse as parseHtml, type DefaultTreeAdapterMap } from "parse5";
import xpath from "xpath";

type Html = DefaultTreeAdapterMap;

/** xpath's parser, which its type declarations leave out: it throws on a syntax error. */
const parseExpression = (xpath as unknown as { parse(expression: string): unknown }).parse;

export interface MarkupDocument {
  root: XmlDocument;
  /** Prefix -> namespace URI, from the root element's xmlns declarations (XML only). */
  namespaces: Record<string, string>;
}

/**
 * What an expression gave: a node-set (the string-value of each node, in document order:
 * Hurl counts it, and tests whether it is empty), or a string, number or boolean.
 */
export type XpathValue = { kind: "nodes"; values: string[] } | { kind: "string"; value: string } | { kind: "number"; value: number } | { kind: "boolean"; value: boolean };

export type XpathOutcome = { ok: true; value: XpathValue } | { ok: false; why: string };

export function parseMarkup(text: string, html: boolean): { ok: true; document: MarkupDocument } | { ok: false; why: string } {
  if (html) {
    try {
      return { ok: true, document: { root: htmlDocument(text), namespaces: {} } };
    } catch (error) {
      if (error instanceof TooManyElements) return { ok: false, why: `element limit ${MAX_HTML_ELEMENTS} reached: xpath reads pages of at most ${MAX_HTML_ELEMENTS} elements` };
      // The parser accepts any text; this is a limit reached (memory, a stack in a library), named for the learner.
      return { ok: false, why: `the page could not be read as HTML (${firstLine(error)})` };
    }
  }
  const errors: string[] = [];
  let root: XmlDocument;
  try {
    root = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") errors.push(message);
      },
    }).parseFromString(text, "text/xml");
  } catch (error) {
    return { ok: false, why: `the body is not valid XML (${firstLine(error)})` };
  }
  const first = errors[0];
  if (first !== undefined || root.documentElement === null) return { ok: false, why: `the body is not valid XML${first === undefined ? "" : ` (${firstLine(first)})`}` };
  return { ok: true, document: { root, namespaces: declaredNamespaces(root.documentElement) } };
}

/** Checks an expression's syntax; undefined when it is valid, else why not. */
export function xpathSyntaxError(expression: string): string | undefined {
  try {
    parseExpression(expression);
    return undefined;
  } catch (error) {
    return firstLine(error);
  }
}

export function evaluateXpath(expression: string, document: MarkupDocument): XpathOutcome {
  let result: xpath.SelectReturnType;
  try {
    const resolver = { lookupNamespaceURI: (prefix: string | null) => (prefix === null ? null : (document.namespaces[prefix] ?? null)) };
    result = xpath.selectWithResolver(expression, document.root as unknown as Node, resolver);
  } catch (error) {
    return { ok: false, why: `the XPath ${expression} cannot be evaluated: ${firstLine(error)}` };
  }
  if (typeof result === "string") return { ok: true, value: { kind: "string", value: result } };
  if (typeof result === "number") return { ok: true, value: { kind: "number", value: result } };
  if (typeof result === "boolean") return { ok: true, value: { kind: "boolean", value: result } };
  if (Array.isArray(result)) return { ok: true, value: { kind: "nodes", values: result.map((node) => xpath.select("string(.)", node) as string) } };
  return { ok: false, why: `the XPath ${expression} gave no value` };
}

/**
 * Elements nested deeper than this are attached to their ancestor at this depth, as
 * Chromium's parser does at 512: the xpath library's document-order sort is quadratic in
 * depth, and a hostile page 100,000 <div>s deep kept one string(//div) busy for minutes.
 */
export const MAX_HTML_DEPTH = 512;

/**
 * The most elements a page may have for xpath: the library's document-order sort is
 * quadratic in siblings (1,000 <p> took 0.9 s for one //p on a loaded machine, 3,000 took
 * 4.3 s), so a hostile page could hold a grading for minutes. A page rendered for a
 * project stage has a few hundred.
 */
export const MAX_HTML_ELEMENTS = 1000;

class TooManyElements extends Error {}

function htmlDocument(text: string): XmlDocument {
  const document = new DOMImplementation().createDocument(null, "");
  // A loop with its own stack, not recursion: a deep page must not overflow Node's stack either.
  const pending: Array<{ children: Html["childNode"][]; parent: XmlNode; depth: number }> = [{ children: parseHtml(text).childNodes, parent: document, depth: 0 }];
  let elements = 0;
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    for (const child of item.children) {
      const copy = copyNode(child, document);
      if (copy === undefined) continue;
      item.parent.appendChild(copy);
      if (!("tagName" in child)) continue;
      if (++elements > MAX_HTML_ELEMENTS) throw new TooManyElements();
      // A <template>'s content is its children for XPath, as in libxml2's tree.
      const children = child.nodeName === "template" ? (child as Html["template"]).content.childNodes : child.childNodes;
      if (item.depth + 1 < MAX_HTML_DEPTH) pending.push({ children, parent: copy, depth: item.depth + 1 });
      else pending.push({ children, parent: item.parent, depth: item.depth });
    }
  }
  return document;
}

/** One node without its children; undefined for a doctype (XPath 1.0 has no node for it). */
function copyNode(child: Html["childNode"], document: XmlDocument): XmlNode | undefined {
  if (child.nodeName === "#text") return document.createTextNode((child as Html["textNode"]).value);
  if (child.nodeName === "#comment") return document.createComment((child as Html["commentNode"]).data);
  if (!("tagName" in child)) return undefined;
  const element = document.createElement(child.tagName);
  for (const attribute of child.attrs) {
    const name = attribute.prefix === undefined || attribute.prefix === "" ? attribute.name : `${attribute.prefix}:${attribute.name}`;
    try {
      element.setAttribute(name, attribute.value);
    } catch {
      // A name XML refuses (`<a "x">` gives an attribute named `"x"`): no XPath could name it anyway.
    }
  }
  return element;
}

function declaredNamespaces(element: XmlElement): Record<string, string> {
  const namespaces: Record<string, string> = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i);
    if (attribute === null) continue;
    if (attribute.name === "xmlns") namespaces["_"] = attribute.value;
    else if (attribute.name.startsWith("xmlns:")) namespaces[attribute.name.slice("xmlns:".length)] = attribute.value;
  }
  return namespaces;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}
