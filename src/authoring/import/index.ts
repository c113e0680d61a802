/** Importers that turn exercises from elsewhere into roadwork exercises. */
export { importExercism, type ImportOptions, type ImportSummary, type ImportOutcome, type ImportedExercise, type SkippedExercise, type GradeForImport } from "./exercism.js";
export { findExercismExercises, type ExercismExercise } from "./exercism-layout.js";
