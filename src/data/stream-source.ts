/**
 * A data file that is not opened from disk but read as a stream (an http(s) URL, `http-file.ts`): what the
 * readers need from it. Kept to an interface so the readers do not depend on the network code.
 */
import type { AsyncBuffer } from 'hyparquet';

export interface StreamSource {
  /** The name for messages (a URL without its credentials). */
  readonly name: string;
  /** The size in bytes, once known (after the first response). */
  readonly size: number | undefined;
  /** The bytes from `from` to the end, in order. Breaking out of the loop ends the transfer. */
  stream(from?: number): AsyncIterable<Uint8Array>;
  /** Random access (Parquet): only the byte ranges read are fetched. */
  asyncBuffer(): Promise<AsyncBuffer>;
}

/**
 * How many bytes at the end of a Parquet file are read first: the footer of most files fits (50 columns in
 * a few row groups take a few KiB), and a larger one costs one more read.
 */
export const PARQUET_TAIL_BYTES = 1 << 16;
