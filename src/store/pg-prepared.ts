/**
 * Named (prepared) statements on PostgreSQL. Kysely sends every query unnamed, so the server
 * parses and plans the same few SQL texts again on every request; a page of the site spent
 * more time there than in reading rows (GET /api/track was 2.5x slower than on SQLite).
 * Each pooled connection here gives a distinct SQL text a stable name (a hash of the text):
 * the first run prepares it, later runs on that connection only bind and execute.
 *
 * Bounded: a connection names at most `maxNames` texts (PostgreSQL keeps each prepared
 * statement in that backend's memory until the connection ends); later new texts, such as
 * IN lists of a length never seen before, are sent unnamed as before. Only DML is named:
 * DDL and multi-statement migrations stay unnamed, as a named statement must be one
 * statement and must keep the result type it was planned with.
 */
import { createHash } from "node:crypto";

/** The slice of a pg client this needs; `query` is replaced in place. */
export interface QueryableClient {
  query: (...args: never[]) => unknown;
}

export interface PreparedOptions {
  /** Distinct SQL texts one connection names (default 256). */
  maxNames?: number;
}

const DML = /^\s*(select|insert|update|delete|with)\b/i;

/** The statement name for a SQL text: stable across connections and processes. */
export function statementName(text: string): string {
  return `rw_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
}

/** Makes `client.query(text, values)` send DML as a named statement; everything else passes through unchanged. */
export function prepareStatementsOn(client: QueryableClient, options: PreparedOptions = {}): void {
  const maxNames = options.maxNames ?? 256;
  const named = new Set<string>();
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const query = (...args: unknown[]): unknown => {
    const [text, values, callback] = args;
    // Only the (text, values) form Kysely uses; configs, cursors and callbacks pass through.
    if (typeof text !== "string" || !Array.isArray(values) || callback !== undefined || !DML.test(text)) return original(...args);
    const name = statementName(text);
    if (!named.has(name)) {
      if (named.size >= maxNames) return original(...args);
      named.add(name);
    }
    return original({ name, text, values });
  };
  client.query = query as QueryableClient["query"];
}
