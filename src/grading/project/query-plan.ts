/**
 * A PostgreSQL plan (EXPLAIN (FORMAT JSON)) read into what a stage asks of it: which tables
 * are read, and how. An index "serves" a query when a scan of it has an Index Cond (the
 * search narrows the index); an index read from end to end for its order, with the search as
 * a Filter, does not.
 */
import type { PlanScan, QueryPlan } from "./stage-api.js";

const SCAN_NODES = new Set(["Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan", "Bitmap Heap Scan"]);

export function readPlan(json: unknown, text: string): QueryPlan {
  const scans: PlanScan[] = [];
  const top = Array.isArray(json) ? (json[0] as { Plan?: unknown } | undefined)?.Plan : undefined;
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const n = node as Record<string, unknown>;
    const kind = typeof n["Node Type"] === "string" ? n["Node Type"] : "";
    if (SCAN_NODES.has(kind)) {
      const scan: PlanScan = { node: kind };
      if (typeof n["Relation Name"] === "string") scan.relation = n["Relation Name"];
      if (typeof n["Index Name"] === "string") scan.index = n["Index Name"];
      const cond = n["Index Cond"] ?? n["Recheck Cond"];
      if (typeof cond === "string") scan.indexCondition = cond;
      if (typeof n["Filter"] === "string") scan.filter = n["Filter"];
      scans.push(scan);
    }
    if (Array.isArray(n["Plans"])) for (const child of n["Plans"]) visit(child);
  };
  visit(top);
  const served = scans.filter((scan) => (scan.node === "Index Scan" || scan.node === "Index Only Scan" || scan.node === "Bitmap Index Scan") && scan.indexCondition !== undefined);
  return {
    text,
    json,
    scans,
    indexesUsed: [...new Set(served.flatMap((scan) => (scan.index === undefined ? [] : [scan.index])))],
    seqScans: [...new Set(scans.filter((scan) => scan.node === "Seq Scan").flatMap((scan) => (scan.relation === undefined ? [] : [scan.relation])))],
  };
}
