import tseslint from "typescript-eslint";
import globals from "globals";

const EMPTY_REJECTION_MESSAGE =
  "This drops the rejection unlogged. Log it with its context: .catch(warnOnReject(log, \"what was being done\", { ids })) (src/log.ts); if it is awaited and reported elsewhere, observed(promise); if it is expected, catch exactly that case and say why.";
/** `.catch(() => undefined)`, `.catch(() => {})`, `.catch(() => void 0)`, with or without a parameter, and `.then(f, () => undefined)`. */
const EMPTY_REJECTION_HANDLERS = [
  "CallExpression[callee.property.name='catch'] > :matches(ArrowFunctionExpression, FunctionExpression)[body.type='BlockStatement'][body.body.length=0]",
  "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='Identifier'][body.name='undefined']",
  "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='UnaryExpression'][body.operator='void'][body.argument.type='Literal']",
  // The same as the second argument of .then(onFulfilled, onRejected).
  "CallExpression[callee.property.name='then'][arguments.length=2] > ArrowFunctionExpression:nth-child(2)[body.type='Identifier'][body.name='undefined']",
  "CallExpression[callee.property.name='then'][arguments.length=2] > ArrowFunctionExpression:nth-child(2)[body.type='BlockStatement'][body.body.length=0]",
].map((selector) => ({ selector, message: EMPTY_REJECTION_MESSAGE }));

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "test-output/**", "src/web/dist/**", "src/web/dist-pyodide/**", "tracks/**", "python/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      "@typescript-eslint/no-floating-promises": ["error", { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["describe", "it", "test", "suite", "before", "after", "beforeEach", "afterEach"] }] }],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      // A promise where a boolean or a void callback is expected: `!this.ended` on a promise was always false.
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Issue 9: no error is dropped without a word. An empty catch must say why in a comment
    // (no-empty counts a comment as content: that is the intended escape); a rejection is
    // logged with its context (log.ts: warnOnReject) or marked as seen elsewhere (observed).
    files: ["src/**/*.ts"],
    rules: {
      "no-empty": ["error", { allowEmptyCatch: false }],
      "no-restricted-syntax": ["error", ...EMPTY_REJECTION_HANDLERS],
    },
  },
  // What each folder of src/ may import, and no import cycle: .dependency-cruiser.cjs
  // (docs/architecture.md), run by test/architecture/imports.test.ts.
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // bin/roadwork.cjs is CommonJS on purpose (see its header).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
