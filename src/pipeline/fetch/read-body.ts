import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

// Reads a response body as a stream with hard caps on what crosses the wire and on what the
// decompressor produces, so neither an endless body nor a gzip bomb can fill memory: the pipeline
// is torn down the moment either count passes the limit.

/** The body (wire or decoded) grew past the byte limit. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly stage: 'wire' | 'decoded',
    readonly limit: number,
  ) {
    super(`${stage === 'wire' ? 'response body' : 'decompressed body'} exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The server used a Content-Encoding we cannot decode. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported Content-Encoding "${encoding}"`);
    this.name = 'UnsupportedEncodingError';
  }
}

export interface BodyReadOptions {
  maxBytes: number;
  signal?: AbortSignal;
  /** Keep the first maxBytes and stop instead of failing (for sniffing error pages). */
  truncate?: boolean;
}

export interface BodyRead {
  bytes: Buffer;
  wireBytes: number;
  truncated: boolean;
}

/** Reads, decompresses (gzip, deflate, br) and size-limits a response body stream. */
export async function readBody(body: Readable, contentEncoding: string | undefined, options: BodyReadOptions): Promise<BodyRead> {
  const { maxBytes, truncate = false } = options;
  const decoders = decodersFor(contentEncoding);
  let wireBytes = 0;
  let truncated = false;
  const chunks: Buffer[] = [];
  let size = 0;
  const stopEarly = new Error('truncated');

  const wireCounter = new Transform({
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      wireBytes += chunk.length;
      if (wireBytes > maxBytes && !truncate) return callback(new BodyTooLargeError('wire', maxBytes));
      callback(null, chunk);
    },
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, callback) {
      if (size + chunk.length > maxBytes) {
        if (!truncate) return callback(new BodyTooLargeError('decoded', maxBytes));
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        return callback(stopEarly);
      }
      chunks.push(chunk);
      size += chunk.length;
      callback();
    },
  });

  try {
    await pipeline([body, wireCounter, ...decoders, sink], { signal: options.signal });
  } catch (err) {
    if (err !== stopEarly) throw err;
  }
  return { bytes: Buffer.concat(chunks, size), wireBytes, truncated };
}

function decodersFor(contentEncoding: string | undefined): Transform[] {
  if (!contentEncoding) return [];
  // Codings are listed in the order they were applied, so they are undone last to first.
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  // Flushing leniently lets a feed whose gzip trailer is cut short still be read.
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  return codings.map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip(lenient);
      case 'deflate':
        return new InflateEitherWay(lenient);
      case 'br':
        return zlib.createBrotliDecompress({
          flush: zlib.constants.BROTLI_OPERATION_FLUSH,
          finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
        });
      default:
        throw new UnsupportedEncodingError(coding);
    }
  });
}

/**
 * "deflate" in HTTP means zlib-wrapped data, but many servers send raw deflate; the first byte
 * tells them apart (a zlib header's low nibble is 8, the deflate method).
 */
class InflateEitherWay extends Transform {
  private inflater?: zlib.Inflate | zlib.InflateRaw;

  constructor(private readonly zlibOptions: zlib.ZlibOptions) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (!this.inflater) {
      if (chunk.length === 0) return callback();
      this.inflater = (chunk[0] & 0x0f) === 0x08 ? zlib.createInflate(this.zlibOptions) : zlib.createInflateRaw(this.zlibOptions);
      this.inflater.on('data', (data: Buffer) => this.push(data));
      this.inflater.on('error', (err) => this.destroy(err));
    }
    this.inflater.write(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inflater) return callback();
    this.inflater.once('end', () => callback());
    this.inflater.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inflater?.destroy();
    callback(err);
  }
}
