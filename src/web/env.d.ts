// Vite turns CSS imports into injected styles; tell TypeScript such imports exist.
declare module "*.css";
