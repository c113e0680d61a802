import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "test-output/**", "src/web/dist/**", "tracks/**", "python/**"] },
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
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // grading/ knows nothing of HTTP or the database (design.md: import direction).
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["src/grading/**/*.ts", "src/content/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/store/**", "**/server/**", "**/queue/**", "**/cli/**"], message: "grading and content know nothing of the store, the queue, the server or the CLI" }] }],
    },
  },
  {
    // The tree is the data flow: store <- queue <- server <- cli; nothing reaches back up.
    files: ["src/store/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/queue/**", "**/server/**", "**/cli/**"], message: "the store knows nothing of the queue, the server or the CLI" }] }],
    },
  },
  {
    files: ["src/queue/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/server/**", "**/cli/**"], message: "the queue knows nothing of the server or the CLI (the server plugs its Grader in)" }] }],
    },
  },
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
