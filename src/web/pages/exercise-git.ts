/**
 * The right-hand side of a git exercise's page: no editor (the work is a repository on the
 * learner's machine), the commands to start and to submit, and an upload of a bundle for
 * learners who cannot run roadwork locally.
 */
import { submitWork } from "../api.js";
import { h } from "../ui/dom.js";

/** The largest bundle the page sends: the API's JSON body limit is 1 MiB, and base64 adds a third. */
const MAX_BUNDLE_BYTES = 700 * 1024;

export interface GitPanel {
  box: HTMLElement;
  /** Reads the chosen bundle and submits it; resolves with the submission's id. */
  submit(): Promise<{ id: string }>;
}

export function gitPanel(id: string, path: string, submitButton: HTMLElement): GitPanel {
  const input = h("input", { type: "file", accept: ".bundle,.zip,.tar.gz,.tgz", id: "bundle-file" }) as HTMLInputElement;
  const box = h(
    "section",
    { class: "git-work", "aria-label": "How to work on this exercise" },
    h("h2", {}, "Work locally, with git"),
    h("p", {}, "This exercise is graded from your repository, not from an editor. In a terminal:"),
    h("pre", { class: "code" }, h("code", {}, `roadwork start ${id}          # makes ./${id} with the starter repository\ncd ${id}\n# ... work with git ...\nroadwork submit ${id} .       # sends every branch and tag`)),
    h("p", {}, "Or upload your repository here: a bundle (", h("code", {}, "git bundle create repo.bundle --all"), "), or a zip or tar.gz of the repository's folder with its hidden .git folder in it."),
    h("div", { class: "actions" }, h("label", { for: "bundle-file" }, "Your repository: "), input, submitButton),
  );
  return {
    box,
    async submit() {
      const file = input.files?.[0];
      if (file === undefined) throw new Error("Choose your repository first: a bundle (git bundle create repo.bundle --all), or a zip or tar.gz of its folder.");
      if (file.size > MAX_BUNDLE_BYTES) throw new Error(`This file is ${Math.ceil(file.size / 1024)} KiB; the page sends at most ${MAX_BUNDLE_BYTES / 1024} KiB. Use roadwork submit, or leave large files out of your commits.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return submitWork<{ id: string }>(`${path}/submissions`, { bundle: btoa(binary) });
    },
  };
}
