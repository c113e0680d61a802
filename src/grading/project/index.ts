/**
 * Projects: start a learner's Flask, Django or FastAPI app in the sandbox and test it over
 * HTTP, stage by stage. testProject() grades one app; checkProject() proves a project's own
 * reference and bad apps behave as its project.yaml says.
 */
export { testProject, type TestProjectOptions, type ProgressEvent } from "./test-project.js";
export { checkProject, type ProjectCheckOutcome } from "./check-project.js";
export { loadProject, type Project, type ProjectStage, type Framework } from "../../content/project.js";
export { startSmtpCatcher, type SmtpCatcher } from "./smtp-catcher.js";
export type { DatabaseKind } from "./framework.js";
