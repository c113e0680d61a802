/** Paths of the trusted Python helpers in python/sandbox/ (same place from src/ and dist/). */
import { fileURLToPath } from "node:url";

const folder = new URL("../../../../python/sandbox/", import.meta.url);

export const SYSTEM_PYTHON = "/usr/bin/python3";
export const SECCOMP_SCRIPT = fileURLToPath(new URL("seccomp_filter.py", folder));
export const FORWARDER_SCRIPT = fileURLToPath(new URL("forwarder.py", folder));
export const MOUNT_HELPER_SCRIPT = fileURLToPath(new URL("mount_helper.py", folder));
