/**
 * The extension of an exercise's starter, solution and bad/ files, by kind. A module of its
 * own, with no imports, so that the grade path (cached-exercise.ts) can use it without
 * loading the content schemas.
 */
export function contentExtension(kind: "function" | "program" | "sql" | "tests" | "git"): string {
  return kind === "sql" ? ".sql" : kind === "git" ? ".fast-import" : ".py";
}
