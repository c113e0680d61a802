import { createSandbox } from "../../src/grading/sandbox/index.js";
import { runSandboxContract } from "./contract.js";

runSandboxContract("bwrap", () => createSandbox());
