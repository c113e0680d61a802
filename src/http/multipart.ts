/**
 * multipart/form-data bodies, for Hurl's [MultipartFormData] and a stage's `multipart:`
 * alike, encoded by Node's own FormData (as fetch sends it: names and file names escaped as
 * the HTML standard says, line breaks in text values sent as CRLF).
 */
export type MultipartPart =
  | { kind: "text"; name: string; value: string }
  | { kind: "file"; name: string; filename: string; contentType: string; data: Buffer };

export interface EncodedMultipart {
  body: Buffer;
  /** multipart/form-data; boundary=... */
  contentType: string;
}

export async function encodeMultipart(parts: readonly MultipartPart[]): Promise<EncodedMultipart> {
  const form = new FormData();
  for (const part of parts) {
    if (part.kind === "text") form.append(part.name, part.value);
    else form.append(part.name, new Blob([Uint8Array.from(part.data)], { type: part.contentType }), part.filename);
  }
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return { body, contentType: encoded.headers.get("content-type") ?? "multipart/form-data" };
}
