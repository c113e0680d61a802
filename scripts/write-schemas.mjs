#!/usr/bin/env node
// Writes schemas/*.schema.json from the zod schemas of dist/ (npm run build, after tsc). They
// are generated rather than committed so that they can never disagree with what the loader
// accepts; `roadwork new` names them in the first line of every YAML file it writes.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { writeSchemas } = await import(join(root, "dist", "content", "write-schemas.js"));
writeSchemas(join(root, "schemas"));
