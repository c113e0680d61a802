/** What every page is given: in a module of its own so that pages never import the shell (main.ts) that loads them. */
import type { User } from "../api.js";

export interface PageContext {
  user: User;
  main: HTMLElement;
  navigate: (path: string) => void;
  /** Aborted when the learner leaves the page: close streams and timers with it. */
  signal: AbortSignal;
}
