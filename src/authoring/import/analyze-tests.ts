/**
 * Runs the ast analysis of an Exercism test file (./analyze-tests-py.ts) with Debian's
 * /usr/bin/python3, isolated (-I: no user site, no PYTHON* variables, no script folder on
 * sys.path), and hands back its verdict as typed data.
 */
import { execFile } from "node:child_process";
import { RoadworkError } from "../../errors.js";
import { ANALYZE_TESTS_PY } from "./analyze-tests-py.js";

const PYTHON = "/usr/bin/python3";

export interface TestAnalysis {
  /** The test file, importing `solution` instead of the exercise's own module. */
  rewritten: string;
  /** Names the tests import from the solution module. */
  importedNames: string[];
  /** Other modules of the exercise folder the tests import (helpers a roadwork exercise cannot carry). */
  localImports: string[];
  /** Test function name -> Exercism task number, from @pytest.mark.task(taskno=N). */
  tasks: Record<string, number>;
  tests: string[];
  /** Why these tests need the solution in their own process; empty when tamper-proof works. */
  compatReasons: string[];
  /** The stub only passes, returns None or raises NotImplementedError. */
  stubTrivial: boolean;
  /** The support files given, each naming `solution` where it named the exercise's module. */
  support: Record<string, string>;
}

export type AnalysisResult = { ok: true; analysis: TestAnalysis } | { ok: false; reason: string };

interface RawAnalysis {
  ok: boolean;
  error?: string;
  rewritten?: string;
  imported_names?: string[];
  local_imports?: string[];
  tasks?: Record<string, number>;
  tests?: string[];
  compat_reasons?: string[];
  stub_trivial?: boolean;
  support?: Record<string, string>;
}

export async function analyzeTests(input: { tests: string; module: string; stub: string; localModules: string[]; support?: Record<string, string> }): Promise<AnalysisResult> {
  const request = JSON.stringify({ tests: input.tests, module: input.module, stub: input.stub, local_modules: input.localModules, support: input.support ?? {} });
  const raw = await runPython(request);
  if (!raw.ok) return { ok: false, reason: raw.error ?? "the test file could not be analysed" };
  return {
    ok: true,
    analysis: {
      rewritten: raw.rewritten ?? "",
      importedNames: raw.imported_names ?? [],
      localImports: raw.local_imports ?? [],
      tasks: raw.tasks ?? {},
      tests: raw.tests ?? [],
      compatReasons: [...(raw.compat_reasons ?? [])].sort((a, b) => lineOf(a) - lineOf(b)),
      stubTrivial: raw.stub_trivial === true,
      support: raw.support ?? {},
    },
  };
}

function runPython(request: string): Promise<RawAnalysis> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, ["-I", "-c", ANALYZE_TESTS_PY], { env: {}, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new RoadworkError("INFRASTRUCTURE", `${PYTHON} could not analyse the tests: ${stderr.trim() || error.message}`, { cause: error }));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as RawAnalysis);
      } catch (cause) {
        reject(new RoadworkError("INFRASTRUCTURE", "the test analysis printed something that is not JSON", { cause }));
      }
    });
    child.stdin?.end(request);
  });
}

function lineOf(reason: string): number {
  return Number(/^line (\d+)/.exec(reason)?.[1] ?? 0);
}
