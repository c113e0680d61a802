/** Every variable a parsed Hurl file uses, from its templates: which captures a stage needs. */
import type { HurlBody, HurlFile, HurlQuery, KeyValue, PredicateValue, Template } from "./types.js";

export function usedVariables(file: Pick<HurlFile, "entries">): string[] {
  const names = new Set<string>();
  const template = (t: Template | undefined): void => {
    for (const part of t?.parts ?? []) if (part.kind === "var") names.add(part.name);
  };
  const pairs = (list: readonly KeyValue[]): void => {
    for (const kv of list) {
      template(kv.key);
      template(kv.value);
    }
  };
  const body = (b: HurlBody | undefined): void => {
    if (b?.kind === "json" || b?.kind === "text") template(b.text);
  };
  const query = (q: HurlQuery): void => {
    if (q.kind === "header" || q.kind === "cookie") template(q.name);
    else if (q.kind === "jsonpath") template(q.path);
    else if (q.kind === "regex" && q.pattern.kind === "string") template(q.pattern.template);
  };
  const predicateValue = (v: PredicateValue | undefined): void => {
    if (v?.kind === "string") template(v.template);
    else if (v?.kind === "variable") names.add(v.name);
  };
  for (const entry of file.entries) {
    const { request, response } = entry;
    template(request.url);
    pairs(request.headers);
    pairs(request.query);
    pairs(request.form);
    pairs(request.cookies);
    for (const param of request.multipart) {
      template(param.name);
      if (param.kind === "text") template(param.value);
    }
    template(request.basicAuth?.user);
    template(request.basicAuth?.password);
    body(request.body);
    if (response === undefined) continue;
    pairs(response.headers);
    for (const capture of response.captures) query(capture.query);
    for (const assert of response.asserts) {
      query(assert.query);
      predicateValue(assert.predicate.value);
    }
    body(response.body);
  }
  return [...names];
}
