// Vite turns CSS imports into injected styles; tell TypeScript such imports exist.
declare module "*.css";
// The installed Pyodide's version (vite.config.ts reads node_modules/pyodide): the worker loads
// Python from /pyodide/<version>/, the path the server serves it under.
declare const __PYODIDE_VERSION__: string;
// Vite's ?raw import: the file's text (Run's Python driver, python/run/driver.py).
declare module "*?raw" {
  const text: string;
  export default text;
}
