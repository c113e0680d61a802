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
  if (html) return { ok: true, document: { root: htmlDocument(text), namespaces: {} } };
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

function htmlDocument(text: string): XmlDocument {
  const document = new DOMImplementation().createDocument(null, "");
  copyChildren(parseHtml(text).childNodes, document, document);
  return document;
}

function copyChildren(children: Html["childNode"][], parent: XmlNode, document: XmlDocument): void {
  for (const child of children) {
    if (child.nodeName === "#text") parent.appendChild(document.createTextNode((child as Html["textNode"]).value));
    else if (child.nodeName === "#comment") parent.appendChild(document.createComment((child as Html["commentNode"]).data));
    else if ("tagName" in child) {
      const element = document.createElement(child.tagName);
      for (const attribute of child.attrs) {
        const name = attribute.prefix === undefined || attribute.prefix === "" ? attribute.name : `${attribute.prefix}:${attribute.name}`;
        try {
          element.setAttribute(name, attribute.value);
        } catch {
          // A name XML refuses (`<a "x">` gives an attribute named `"x"`): no XPath could name it anyway.
        }
      }
      parent.appendChild(element);
      // A <template>'s content is its children for XPath, as in libxml2's tree.
      copyChildren(child.nodeName === "template" ? (child as Html["template"]).content.childNodes : child.childNodes, element, document);
    }
    // A doctype is left out: XPath 1.0 has no node for it.
  }
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
