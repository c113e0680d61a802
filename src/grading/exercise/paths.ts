/** Where the Python side of grading lives, from both src/ (tsx) and dist/ (built). */
import { fileURLToPath } from "node:url";

/** The folder python/harness of the package; mounted read-only at /harness in the sandbox. */
export const HARNESS_DIR = fileURLToPath(new URL("../../../python/harness", import.meta.url));
export const HARNESS_MOUNT = "/harness";
/** Learner code always runs with Debian's interpreter (design.md). */
export const PYTHON = "/usr/bin/python3";
