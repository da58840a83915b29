/**
 * Chunks of the size a reader asks for, out of a stream whose chunks have whatever size the network
 * delivered: the byte stream of a data URL fed to the CSV tokenizer and the line splitter.
 */
export class StreamChunks {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private rest: Uint8Array = new Uint8Array(0);
  private done = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Copies up to `max` bytes to `target` at `offset`; fewer only at the end of the stream, 0 after it. */
  async fill(target: Uint8Array, offset: number, max: number): Promise<number> {
    let n = 0;
    while (n < max) {
      if (this.rest.length === 0) {
        if (this.done) break;
        const r = await this.iterator.next();
        if (r.done) {
          this.done = true;
          break;
        }
        this.rest = r.value;
      }
      const take = Math.min(max - n, this.rest.length);
      target.set(take === this.rest.length ? this.rest : this.rest.subarray(0, take), offset + n);
      this.rest = this.rest.subarray(take);
      n += take;
    }
    return n;
  }

  /** Ends the transfer early (a row limit reached, an error): the stream's cleanup runs. */
  async close(): Promise<void> {
    if (!this.done) await this.iterator.return?.();
    this.done = true;
  }
}
