import type { FastifyInstance } from 'fastify';

export interface UploadedFile {
  field: string;
  filename: string;
  bytes: Buffer;
}

/** A parsed multipart form: text fields by name (the last wins) and the files, in order. */
export interface MultipartBody {
  [field: string]: unknown;
  files: UploadedFile[];
}

/**
 * Parses multipart/form-data for the routes registered in `scope` only (an encapsulated plugin), within
 * `maxBytes` for the whole body. It runs as a content-type parser, before the CSRF check, so the form's `_csrf`
 * field is read like any form's. Parsing uses the platform's own FormData parser (undici), no extra dependency.
 */
export function acceptMultipart(scope: FastifyInstance, maxBytes: number): void {
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBytes }, (request, body, done) => {
    const contentType = request.headers['content-type'] ?? '';
    new Response(body as Buffer, { headers: { 'content-type': contentType } })
      .formData()
      .then(async (form) => {
        const parsed: MultipartBody = Object.assign(Object.create(null) as Record<string, unknown>, { files: [] as UploadedFile[] });
        for (const [field, value] of form.entries()) {
          if (typeof value === 'string') {
            if (field !== 'files') parsed[field] = value;
          } else if (value.size > 0 || value.name) {
            parsed.files.push({ field, filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
          }
        }
        done(null, parsed);
      })
      .catch((error: Error) => done(Object.assign(new Error(`the form could not be read: ${error.message}`), { statusCode: 400 }), undefined));
  });
}

/** A text field of a parsed form ('' when absent or a file). */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}
