/**
 * Verdicts that differ between tamper-proof and compatible mode, test by test. Compatible mode
 * runs the tests and the solution in one process, as pytest does; a difference is a place where
 * tamper-proof grading is not pytest's. The importer and content check both use this.
 */
import type { ExerciseConfig } from "../content/schema.js";
import type { GradeReport } from "../grading/report.js";

type ExerciseMode = ExerciseConfig["mode"];

/** "test_x passes tamper-proof, fails compatible" for each test whose verdict differs. */
export function modeDifferences(reports: Record<ExerciseMode, GradeReport>): string[] {
  const verdictOf = (report: GradeReport, name: string): string => {
    const status = report.tests.find((t) => t.name === name)?.status;
    if (status === "pass") return "passes";
    if (status === "skip") return "is skipped";
    return status === undefined ? `is not run (${report.status === "pass" ? "passes" : "fails"} as a whole)` : "fails";
  };
  const tp = reports["tamper-proof"];
  const compat = reports.compatible;
  const names = [...new Set([...tp.tests, ...compat.tests].map((t) => t.name))];
  const out: string[] = [];
  for (const name of names) {
    const [a, b] = [verdictOf(tp, name), verdictOf(compat, name)];
    const passedA = a === "passes" || (a.startsWith("is not run") && tp.status === "pass");
    const passedB = b === "passes" || (b.startsWith("is not run") && compat.status === "pass");
    if (passedA !== passedB || (a === "is skipped") !== (b === "is skipped")) out.push(`${name} ${a} tamper-proof, ${b} compatible`);
  }
  if (out.length === 0 && (tp.status === "pass") !== (compat.status === "pass")) out.push(`the whole run ${tp.status === "pass" ? "passes" : "fails"} tamper-proof, ${compat.status === "pass" ? "passes" : "fails"} compatible`);
  return out;
}


/** The differences where tamper-proof mode passes a test that compatible mode fails: a fail turned into a pass. */
export function failsTurnedIntoPasses(differences: readonly string[]): string[] {
  return differences.filter((d) => / passes tamper-proof, (fails|is skipped|is not run \(fails)/.test(d));
}
