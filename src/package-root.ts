/**
 * The package's root folder. Every file that asks sits one folder below it: this module in
 * src/ (run by tsx) or dist/ (built), and dist/grade.cjs, the bundle `roadwork grade` loads
 * (scripts/bundle-grade.mjs), which has this module inlined. So paths to python/, tracks/
 * and the schema are found the same way from all three.
 */
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));
