/**
 * Issue 9: lint refuses an error dropped without a word (eslint.config.js): an empty catch
 * block without a comment saying why (no-empty), and `.catch(() => undefined)`-style empty
 * rejection handlers (no-restricted-syntax, pointing at log.ts's warnOnReject and observed).
 * Runs the project's own configuration on samples placed in src/.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// An existing file of src/, so that the typed rules find it in the project; only the text is ours.
const AS_FILE = fileURLToPath(new URL("../../src/log.ts", import.meta.url));

const SAMPLE = `
declare const work: Promise<void>;
declare function step(): void;
export async function sample(): Promise<void> {
  try {
    step();
  } catch {}
  try {
    step();
  } catch {
    // Gone already: nothing to give back.
  }
  await work.catch(() => undefined);
  await work.catch(() => {});
  await work.catch((_error: unknown) => {});
  await work.catch(() => void 0);
  await work.catch((error: unknown) => console.warn("step failed", error));
  await work.then(() => step(), () => undefined);
  await work.then(() => step(), (error: unknown) => console.warn("step failed", error));
}
`;

void describe("lint on swallowed errors", () => {
  void it("refuses an empty catch without a reason and empty rejection handlers, and nothing else", async () => {
    const [result] = await new ESLint({ cwd: ROOT }).lintText(SAMPLE, { filePath: AS_FILE });
    assert.ok(result !== undefined);
    const found = result.messages.map((m) => `${m.line} ${m.ruleId ?? m.message}`);
    assert.deepEqual(found, ["7 no-empty", "13 no-restricted-syntax", "14 no-restricted-syntax", "15 no-restricted-syntax", "16 no-restricted-syntax", "18 no-restricted-syntax"]);
    const restricted = result.messages.find((m) => m.ruleId === "no-restricted-syntax");
    assert.match(restricted?.message ?? "", /warnOnReject/);
  });
});
