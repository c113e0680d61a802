/**
 * The content module: the track model and its loaders, and the content check. Other
 * modules (server, CLI, queue) import from here rather than from the files inside.
 */
export * from "./schema.js";
export { loadExercise, solutionFileName, type Exercise, type FunctionExercise, type ProgramExercise, type SqlExercise, type TestsExercise, type BadSolution } from "./exercise.js";
export { loadTrack, checkTrackFiles, type Track, type TrackStep, type Lesson, type TrackCheck } from "./track.js";
export { checkContent, checkSelection, selectContent, type ContentSelection, type CheckOutcome, type ContentCheckResult, type ContentCheckOptions, type ContentCheckProgress } from "./check.js";
