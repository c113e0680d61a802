/**
 * A project's starter folder (trusted content of the track) as a .tar.gz whose files sit
 * under one folder named after the project, so that unpacking it makes that folder.
 */
export async function packStarter(dir: string, folder: string): Promise<Buffer> {
  const tar = await import("tar");
  const chunks: Buffer[] = [];
  const stream = tar.create(
    {
      gzip: true,
      cwd: dir,
      portable: true,
      prefix: folder,
      filter: (path) => !path.split("/").includes("__pycache__") && !path.endsWith(".pyc"),
    },
    ["."],
  );
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
