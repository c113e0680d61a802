import { defineConfig } from "vite";

// The front end is served by roadwork's own server from src/web/dist; it makes no request
// to any other host, so the platform works air-gapped.
export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  // manifest: bench/assets.mjs follows it to size what each page loads. Vite hashes every
  // asset's name, which lets the server cache them for a year (src/server/routes/web.ts).
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1024, manifest: true },
});
