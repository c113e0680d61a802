/**
 * The JSON Schemas generated from the zod schemas (src/content/json-schemas.ts) accept every
 * YAML file of the built-in track and refuse known-bad ones, checked with ajv (the validator
 * editors' YAML language server is built on), and every field has a description.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { jsonSchemas, type SchemaFileName } from "../../src/content/json-schemas.js";
import { exerciseFiles, projectFiles } from "../../src/authoring/scaffold/index.js";
import { exerciseKinds } from "../../src/content/schema.js";

const TRACK = "tracks/python-backend";
const schemas = jsonSchemas();
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, ajv.compile(schema)])) as Record<SchemaFileName, ReturnType<Ajv["compile"]>>;

function errorsOf(schema: SchemaFileName, data: unknown): string {
  const validate = validators[schema];
  return validate(data) ? "" : ajv.errorsText(validate.errors);
}

function yamlOf(file: string): unknown {
  return parse(readFileSync(file, "utf8")) as unknown;
}

/** [schema, file] for every YAML file of the built-in track. */
function builtInFiles(): [SchemaFileName, string][] {
  const files: [SchemaFileName, string][] = [["track.schema.json", join(TRACK, "track.yaml")]];
  for (const slug of readdirSync(join(TRACK, "exercises"))) {
    const dir = join(TRACK, "exercises", slug);
    files.push(["exercise.schema.json", join(dir, "exercise.yaml")]);
    const kind = (yamlOf(join(dir, "exercise.yaml")) as { kind: string }).kind;
    if (existsSync(join(dir, "cases.yaml"))) files.push([kind === "sql" ? "sql-cases.schema.json" : "program-cases.schema.json", join(dir, "cases.yaml")]);
  }
  for (const slug of readdirSync(join(TRACK, "projects"))) files.push(["project.schema.json", join(TRACK, "projects", slug, "project.yaml")]);
  return files;
}

describe("JSON Schemas of the content files", () => {
  it("accept every YAML file of the built-in track", () => {
    const files = builtInFiles();
    assert.ok(files.length > 100, `found ${files.length} files`);
    const kinds = new Set(files.map(([schema]) => schema));
    assert.equal(kinds.size, 5, [...kinds].join(", "));
    for (const [schema, file] of files) assert.equal(errorsOf(schema, yamlOf(file)), "", file);
  });

  it("accept what roadwork new writes, whose first line names the right schema", () => {
    const checked: string[] = [];
    for (const kind of exerciseKinds) {
      for (const [path, text] of Object.entries(exerciseFiles(kind, "an-id"))) {
        if (!path.endsWith(".yaml")) continue;
        const schema = (/^# yaml-language-server: \$schema=SCHEMA_DIR\/(\S+)\n/.exec(text)?.[1] ?? "") as SchemaFileName;
        assert.ok(schema in schemas, `${kind} ${path} names a schema: ${text.split("\n")[0]}`);
        assert.equal(errorsOf(schema, parse(text)), "", `${kind} ${path}`);
        checked.push(schema);
      }
    }
    assert.equal(errorsOf("project.schema.json", parse(projectFiles("an-id")["project.yaml"] ?? "")), "");
    assert.deepEqual([...new Set(checked)].sort(), ["exercise.schema.json", "program-cases.schema.json", "sql-cases.schema.json"]);
  });

  it("refuse known-bad files", () => {
    const exercise = yamlOf(join(TRACK, "exercises", "running-total", "exercise.yaml")) as Record<string, unknown>;
    assert.match(errorsOf("exercise.schema.json", { ...exercise, kind: "essay" }), /kind/);
    assert.match(errorsOf("exercise.schema.json", { ...exercise, sumary: "a typo" }), /additional properties/);
    assert.match(errorsOf("exercise.schema.json", { ...exercise, limits: { memory_mib: 99999 } }), /memory_mib/);
    assert.match(errorsOf("track.schema.json", { id: "Not A Slug", title: "t", steps: [] }), /id|steps/);
    assert.match(errorsOf("program-cases.schema.json", [{ name: "no stdout" }]), /stdout/);
    assert.match(errorsOf("sql-cases.schema.json", []), /fewer than 1/);
    const project = yamlOf(join(TRACK, "projects", "task-tracker", "project.yaml")) as Record<string, unknown>;
    assert.match(errorsOf("project.schema.json", { ...project, frameworks: { rails: { start: ["rails"] } } }), /property name/);
  });

  it("describe every field, for editors", () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const record = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((record["properties"] as Record<string, Record<string, unknown>> | undefined) ?? {})) {
        if (typeof child["description"] !== "string") undescribed.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      walk(record["items"], path);
      walk(record["additionalProperties"], path);
    };
    for (const [name, schema] of Object.entries(schemas)) walk(schema, name);
    assert.deepEqual(undescribed, []);
  });
});
