/**
 * The content module: the track model and its loaders (the content check, which grades
 * content, is src/authoring/check.ts). Other modules may import from here rather than from
 * the files inside.
 */
export * from "./schema.js";
export { loadExercise, solutionFileName, type Exercise, type FunctionExercise, type ProgramExercise, type SqlExercise, type TestsExercise, type BadSolution } from "./exercise.js";
export { loadTrack, checkTrackFiles, type Track, type TrackStep, type Lesson, type TrackCheck } from "./track.js";
