/** Paths of the trusted Python helpers in python/sandbox/ (same place from src/ and dist/). */
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../../package-root.js";

const folder = join(PACKAGE_ROOT, "python", "sandbox");

export const SYSTEM_PYTHON = "/usr/bin/python3";
export const SECCOMP_SCRIPT = join(folder, "seccomp_filter.py");
export const FORWARDER_SCRIPT = join(folder, "forwarder.py");
export const MOUNT_HELPER_SCRIPT = join(folder, "mount_helper.py");
