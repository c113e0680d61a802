/**
 * t.html(body) for TypeScript stages: an HTML response read as a browser reads it and
 * queried with XPath 1.0, the same parser and evaluator as Hurl's xpath query
 * (hurl/xpath.ts), loaded only when a stage asks for it. An expression that does not parse
 * or cannot be evaluated is the stage author's mistake: a CONTENT_INVALID error, never a
 * failure of the learner's app.
 */
import { RoadworkError } from "../../errors.js";
import type { HtmlPage } from "./stage-api.js";

export async function readHtml(body: string): Promise<HtmlPage> {
  const { parseMarkup, evaluateXpath, xpathSyntaxError } = await import("../../hurl/xpath.js");
  const parsed = parseMarkup(body, true);
  // The HTML parser accepts any text; only the XML branch can refuse a body.
  if (!parsed.ok) throw new RoadworkError("CONTENT_INVALID", parsed.why);
  const document = parsed.document;
  const evaluate = (expression: string): string[] | string | number | boolean => {
    const syntax = xpathSyntaxError(expression);
    if (syntax !== undefined) throw new RoadworkError("CONTENT_INVALID", `invalid XPath ${expression}: ${syntax}`);
    const outcome = evaluateXpath(expression, document);
    if (!outcome.ok) throw new RoadworkError("CONTENT_INVALID", outcome.why);
    return outcome.value.kind === "nodes" ? outcome.value.values : outcome.value.value;
  };
  const nodes = (expression: string): string[] => {
    const value = evaluate(expression);
    if (!Array.isArray(value)) throw new RoadworkError("CONTENT_INVALID", `the XPath ${expression} gives a ${typeof value}, not nodes`);
    return value;
  };
  return {
    xpath: evaluate,
    count: (expression) => nodes(expression).length,
    text: (expression) => {
      const [first] = nodes(expression);
      return first === undefined ? undefined : first.replace(/\s+/g, " ").trim();
    },
  };
}
