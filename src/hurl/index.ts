/**
 * Hurl, the plain-text HTTP test format (hurl.dev), as far as roadwork runs it. Stage tests
 * of projects are written in it; the same file also runs with the real `hurl` CLI, as long
 * as it stays inside this subset. Anything outside it is refused when the file is parsed
 * with RoadworkError("CONTENT_INVALID") naming the construct, the file and the line.
 *
 * FILE: UTF-8 (a byte order mark is ignored), LF or CRLF. `#` starts a comment outside
 * quoted strings and bodies; `\#` is a literal #. Entries follow each other; each is a
 * request and an optional response.
 *
 * REQUEST
 * - `METHOD URL` with METHOD one of GET HEAD POST PUT DELETE CONNECT OPTIONS TRACE PATCH.
 *   The URL is absolute (`{{base_url}}/tasks`, `http://host/x`) or, as a roadwork
 *   extension, a path (`/tasks`) resolved against runHurl's baseUrl (http://localhost).
 * - Headers: `Name: value` lines right after the request line.
 * - Sections, in any order, each at most once:
 *   [QueryStringParams] or [Query], [FormParams] or [Form], [MultipartFormData] or
 *   [Multipart] (`field: value` and `field: file,path; content/type`, the type optional and
 *   inferred from the extension as Hurl does: gif jpg jpeg png svg txt htm html pdf xml,
 *   plus json csv; otherwise application/octet-stream), [Cookies], [BasicAuth] (one
 *   `user: password` line).
 * - Body, last: JSON written directly (object or array; `{{var}}` allowed inside strings,
 *   JSON-escaped, and as bare values), a ``` multiline string (optionally ```json or ```xml,
 *   which set the Content-Type), ```one line```, `one line`, `base64,...;` (may span lines),
 *   `hex,...;`, `file,path;`.
 *   At most one of [FormParams], [MultipartFormData] and a body per request.
 *   Implicit Content-Type (unless a header sets one): application/json for JSON bodies,
 *   x-www-form-urlencoded for forms, multipart/form-data; boundary=... for multipart.
 * - Files (multipart and file, bodies) are relative to the Hurl file's folder; absolute
 *   paths and `..` are refused. They are read when the entry runs; assertHurlFilesReadable
 *   checks them up front.
 *
 * RESPONSE
 * - `HTTP <status>` or `HTTP *`; also `HTTP/1.0`, `HTTP/1.1`, `HTTP/2`, `HTTP/3` (checked
 *   against the version the transport reports) and the old `HTTP/*`.
 * - Expected headers `Name: value`: some header of that name has exactly that value.
 * - [Captures]: `name: query filters`. [Asserts]: `query filters predicate`.
 * - Optional body, last: JSON (compared as JSON values), ``` multiline / `oneline` (exact
 *   text; ```json compared as JSON), base64, hex, file (exact bytes).
 *
 * QUERIES: status, header "Name" (a list when the header repeats), body (text, UTF-8),
 * jsonpath "$...", cookie "name" and cookie "name[Attr]" (Value, Expires, Max-Age, Domain,
 * Path, Secure, HttpOnly, SameSite; read from the first Set-Cookie of that name in this
 * response, its value as written, quotes included),
 * regex "pattern" or regex /pattern/ (the first capture group over the body),
 * xpath "expression" (XPath 1.0 over an HTML body, or XML when the Content-Type has no
 * "html" in it; a node-set is a list of the nodes' texts, see xpath.ts).
 * JSONPath: `$`, `.name`, `['name']`, `[n]` (negative from the end), `[*]`, `.*`,
 * `[a,b]`, `[start:end:step]`, `..` descendants. A singular path (names and indexes only)
 * gives one value or nothing; any other path gives the list of nodes (a list of exactly one
 * node is read as that node by the value predicates, as Hurl does).
 *
 * FILTERS: count only (`jsonpath "$.items" count == 3`, `header "Vary" count == 2`).
 *
 * PREDICATES, each may be prefixed with `not`: == != > >= < <= (numbers, or strings
 * compared lexically), contains (substring, or list membership), includes (list
 * membership), startsWith, endsWith, matches "regex" or /regex/ (Rust's syntax, run as a
 * Unicode RegExp: \d \w \s \b are Unicode-aware as in Rust; a leading (?i), (?m) or (?s)
 * becomes a flag), exists, isString, isInteger, isFloat, isBoolean, isList, isCollection,
 * isEmpty (string, list or object). As in Hurl, a query that finds no value fails every
 * predicate, so every `not` predicate passes on it; a predicate that does not apply to the
 * value's type (contains on a number), or a query that cannot be evaluated (jsonpath on a
 * body that is not JSON), fails with or without `not`. Numbers keep Hurl's kinds (json.ts):
 * 1 and 1.0 compare equal, but 1.0 isFloat, 1 isInteger, a captured 1.0 is written "1.0",
 * and an integer keeps every digit. test/hurl/conformance.test.ts holds these cases.
 *
 * VALUES: "strings" (escapes \" \\ \/ \b \f \n \r \t \u{hex}, and {{var}}), integers,
 * floats, true, false, null, {{var}} (compared with the variable's typed value), and
 * /regex/ after matches.
 *
 * VARIABLES: `{{name}}` (letters, digits, _ and -) in URLs, header names and values,
 * section keys and values, quoted strings and bodies (not in /regex/ literals or file
 * names). Captures keep their JSON type. {{newUuid}} and {{newDate}} are generated when no
 * variable has that name. An undefined variable fails its entry (and stops the file), as in
 * Hurl; so does a URL or JSON body that is not one once its variables are filled in.
 *
 * NOT SUPPORTED (refused by name): [Options] and unknown sections; the queries url,
 * bytes, sha256, md5, variable, duration, certificate, ip, version, redirects;
 * every filter but count; template filters {{x | f}}; the predicates isNumber, isDate,
 * isIsoDate, isObject, isIpv4, isIpv6, isUuid and the word forms equals, notEquals,
 * greaterThan...; hex/base64/file predicate values; XML bodies written directly;
 * ```graphql and other multiline hints; JSONPath filters [?()] and functions; `redact`.
 *
 * RUNNING (runHurl): entries in order; one cookie jar for the run (../http/cookies.ts: by
 * name and path as RFC 6265 says, Max-Age=0 or a past Expires removes; [Cookies] adds for one request
 * only); captures become variables for the following entries and for the asserts of the
 * same entry. Per entry: version, status, expected headers, captures (when one finds
 * nothing, the asserts are skipped), asserts, body. The run stops after the first failing
 * entry. Each HurlEntryResult carries the request as sent, the response (excerpt), every
 * check with expected and actual, and a message for the learner:
 *
 *   POST /tasks sent {"title": ""}
 *     expected status 422
 *     got 201 with body {"id": 3, "title": ""}
 *
 * TRANSPORT: runHurl takes any `send`. createHttpSend (../http/transport.ts) is the one
 * roadwork uses: a connection the sandbox opens, a unix socket, createConnection or TCP; 10 s
 * per request; bodies kept up to 4 MiB (then cut and marked truncated); redirects are never
 * followed. An app that does not answer fails the entry ("got no response: nothing is
 * listening on the app's port ...").
 */
export { parseHurl } from "./parse.js";
export { runHurl, type RunHurlOptions } from "./run.js";
export { assertHurlFilesReadable, referencedFiles } from "./files.js";
export { createHttpSend, NoAnswerError, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, type HttpSendOptions, type NoAnswerCode } from "../http/transport.js";
export { parseJsonPath, evaluateJsonPath, JsonPathError, type JsonPath } from "./jsonpath.js";
export { HTTP_METHODS, PREDICATE_NAMES } from "./types.js";
export type * from "./results.js";
export type * from "./types.js";
