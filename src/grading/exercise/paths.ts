/** Where the Python side of grading lives, from both src/ (tsx) and dist/ (built). */
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.js";
import { sandboxReadableCopy } from "../../sandbox-readable-copy.js";

/**
 * The folder python/harness of the package, mounted read-only at /harness in the sandbox: as
 * root, its copy that every sandbox uid reaches wherever the package is installed.
 */
export const HARNESS_DIR = sandboxReadableCopy(join(PACKAGE_ROOT, "python", "harness"), "harness");
export const HARNESS_MOUNT = "/harness";
/** Learner code always runs with Debian's interpreter, which sees the python3-* packages (DEVELOPERS.md, "What the machine needs"). */
export const PYTHON = "/usr/bin/python3";
