/** The roadmap: tracks, steps with the learner's verified progress, lessons, exercises, projects. */
import type { FastifyInstance } from "fastify";
import { RoadworkError } from "../../errors.js";
import { solutionFileName } from "../../content/exercise.js";
import { requireUser } from "../http.js";
import { passedSets, trackProgress } from "../progress.js";
import type { RouteContext } from "../deps.js";

export default function trackRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store } = ctx;

  app.get("/api/tracks", async (request) => {
    requireUser(request);
    return { tracks: catalog.tracks.map((t) => ({ id: t.id, title: t.title, description: t.description ?? null, steps: t.steps.length })) };
  });

  // Public: the landing page shows visitors the roadmap before they sign up. Titles, summaries
  // and counts only — no lesson text, no exercise content, no progress.
  app.get<{ Querystring: { track?: string } }>("/api/track/outline", async (request) => {
    const track = catalog.track(request.query.track);
    if (track === undefined) throw new RoadworkError("NOT_FOUND", request.query.track === undefined ? "no track is loaded" : `no track "${request.query.track}"`);
    return {
      track: { id: track.id, title: track.title, description: track.description ?? null },
      steps: track.steps.map((step) => ({ id: step.id, title: step.title, summary: step.summary ?? null, exercises: step.exercises.length, projects: step.projects.length })),
    };
  });

  app.get<{ Querystring: { track?: string } }>("/api/track", async (request) => {
    const user = requireUser(request);
    const track = catalog.track(request.query.track);
    if (track === undefined) throw new RoadworkError("NOT_FOUND", request.query.track === undefined ? "no track is loaded" : `no track "${request.query.track}"`);
    const passed = passedSets(await store.submissions.passedItems(user.id));
    const progress = trackProgress(track, passed);
    return {
      track: { id: track.id, title: track.title, description: track.description ?? null },
      steps: progress.steps.map(({ step, status, passed: stepPassed }) => ({
        id: step.id,
        title: step.title,
        summary: step.summary ?? null,
        requires: step.requires,
        status,
        hasLesson: step.lessonHtml !== undefined,
        exercises: step.exercises.map((id) => {
          const exercise = catalog.exercise(id);
          return { id, title: exercise?.title ?? id, kind: exercise?.kind ?? null, difficulty: exercise?.difficulty ?? null, passed: stepPassed.exercises.has(id) };
        }),
        projects: step.projects.map((id) => {
          const project = catalog.project(id);
          return { id, title: project?.title ?? id, stages: project?.stages.length ?? 0, passed: stepPassed.projects.has(id) };
        }),
      })),
      next: progress.next,
    };
  });

  app.get<{ Params: { id: string } }>("/api/steps/:id", async (request) => {
    requireUser(request);
    const found = catalog.step(request.params.id);
    if (found === undefined) throw new RoadworkError("NOT_FOUND", `no step "${request.params.id}"`);
    const { track, step } = found;
    return { id: step.id, trackId: track.id, title: step.title, summary: step.summary ?? null, requires: step.requires, lessonHtml: step.lessonHtml ?? null, exercises: step.exercises, projects: step.projects };
  });

  app.get<{ Params: { id: string } }>("/api/exercises/:id", async (request) => {
    requireUser(request);
    const exercise = catalog.requireExercise(request.params.id);
    return {
      id: exercise.id,
      trackId: exercise.trackId,
      stepId: exercise.stepId,
      title: exercise.title,
      kind: exercise.kind,
      difficulty: exercise.difficulty ?? null,
      readmeHtml: exercise.readmeHtml,
      hintCount: exercise.hintsHtml.length,
      starter: exercise.starter,
      // Its former ids (a rename): the page moves an edit the browser kept under one of them.
      formerly: exercise.exercise.config.formerly ?? [],
      // The README's examples, for Run in the browser (function and program exercises only).
      run: exercise.run,
      solutionFile: solutionFileName(exercise.exercise.config.kind, exercise.exercise.config.module),
      // tests exercises: the code the learner's tests are about, to read next to the editor.
      ...(exercise.exercise.kind === "tests" ? { subject: { file: `${exercise.exercise.module}.py`, source: exercise.exercise.subject } } : {}),
    };
  });

  // Hints come one at a time and only after a first attempt: a learner tries before looking.
  app.get<{ Params: { id: string; n: string } }>("/api/exercises/:id/hints/:n", async (request) => {
    const user = requireUser(request);
    const exercise = catalog.requireExercise(request.params.id);
    const n = Number(request.params.n);
    const hintHtml = Number.isInteger(n) && n >= 1 ? exercise.hintsHtml[n - 1] : undefined;
    if (hintHtml === undefined) throw new RoadworkError("NOT_FOUND", `exercise "${exercise.id}" has ${exercise.hintsHtml.length} hints; there is no hint ${request.params.n}`);
    const attempts = await ctx.store.submissions.history(user.id, exercise.id, 1);
    if (attempts.length === 0) throw new RoadworkError("FORBIDDEN", "hints open after your first attempt: submit once, then ask for a hint");
    return { n, of: exercise.hintsHtml.length, hintHtml };
  });

  app.get<{ Params: { id: string } }>("/api/projects/:id", async (request) => {
    requireUser(request);
    const project = catalog.requireProject(request.params.id);
    return { id: project.id, trackId: project.trackId, stepId: project.stepId, title: project.title, summary: project.summary ?? null, frameworks: project.frameworks, starters: Object.keys(project.project.starters ?? {}), stages: project.stages };
  });

  // The starter code a project hands out (a codebase to join), as `roadwork start PROJECT` copies it.
  app.get<{ Params: { id: string; framework: string } }>("/api/projects/:id/starter/:framework", async (request, reply) => {
    requireUser(request);
    const project = catalog.requireProject(request.params.id);
    const framework = request.params.framework.replace(/\.tar\.gz$/, "");
    const dir = (project.project.starters as Record<string, string> | undefined)?.[framework];
    if (dir === undefined) throw new RoadworkError("NOT_FOUND", `project "${project.id}" has no ${framework} starter`);
    const { packStarter } = await import("../starter-archive.js");
    const archive = await packStarter(dir, `${project.id}`);
    return reply
      .header("Content-Type", "application/gzip")
      .header("Content-Disposition", `attachment; filename="${project.id}-${framework}.tar.gz"`)
      .send(archive);
  });
}
