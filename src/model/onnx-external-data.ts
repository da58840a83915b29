/**
 * ONNX "external data": a tensor whose bytes live in another file, named by a `location` relative to the
 * model's folder (onnx.proto, TensorProto.external_data). The runtime would open whatever the model names,
 * so the names are read here first — with a small protobuf walk over the messages that can hold tensors —
 * and each must stay inside the model's folder before any of them is read.
 */

/** One tensor's external data, as the model names it. */
export interface ExternalDataRef {
  /** The tensor's name (for messages). */
  tensor: string;
  /** `location` as written in the model. */
  location: string;
}

// Field numbers (onnx.proto) of the messages on the way to a TensorProto.
type Kind = 'model' | 'graph' | 'function' | 'node' | 'attribute' | 'sparse' | 'tensor';
const CHILDREN: Record<Exclude<Kind, 'tensor'>, Record<number, Kind>> = {
  model: { 7: 'graph', 25: 'function' },
  graph: { 1: 'node', 5: 'tensor', 15: 'sparse' },
  function: { 7: 'node' },
  node: { 5: 'attribute' },
  attribute: { 5: 'tensor', 6: 'graph', 10: 'tensor', 11: 'graph', 22: 'sparse', 23: 'sparse' },
  sparse: { 1: 'tensor', 2: 'tensor' },
};
const TENSOR_NAME = 8;
const TENSOR_EXTERNAL_DATA = 13;

class Malformed extends Error {}

function varint(b: Uint8Array, at: { i: number }, end: number): number {
  let result = 0;
  let scale = 1;
  for (let k = 0; k < 10; k++) {
    if (at.i >= end) throw new Malformed();
    const byte = b[at.i++];
    result += (byte & 0x7f) * scale;
    if (byte < 0x80) return result;
    scale *= 128;
  }
  throw new Malformed();
}

/** Calls `onField(field, start, end)` for each length-delimited field of the message in [start, end). */
function fields(
  b: Uint8Array,
  start: number,
  end: number,
  onField: (f: number, s: number, e: number) => void,
): void {
  const at = { i: start };
  while (at.i < end) {
    const key = varint(b, at, end);
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        varint(b, at, end);
        break;
      case 1:
        at.i += 8;
        break;
      case 5:
        at.i += 4;
        break;
      case 2: {
        const len = varint(b, at, end);
        if (at.i + len > end) throw new Malformed();
        onField(field, at.i, at.i + len);
        at.i += len;
        break;
      }
      default:
        throw new Malformed(); // groups are not used by ONNX
    }
    if (at.i > end) throw new Malformed();
  }
}

const utf8 = new TextDecoder('utf-8');

/**
 * Every external-data reference of an ONNX model (initializers, sparse initializers, tensors in node
 * attributes, subgraphs and functions). Bytes that are not a valid protobuf give an empty list: loading
 * the model then reports what is wrong with it. Iterative, so a deeply nested model cannot exhaust the stack.
 */
export function onnxExternalData(bytes: Uint8Array): ExternalDataRef[] {
  const refs: ExternalDataRef[] = [];
  const stack: [Kind, number, number][] = [['model', 0, bytes.length]];
  try {
    while (stack.length) {
      const [kind, start, end] = stack.pop()!;
      if (kind === 'tensor') {
        let name = '';
        let location: string | undefined;
        fields(bytes, start, end, (f, s, e) => {
          if (f === TENSOR_NAME) name = utf8.decode(bytes.subarray(s, e));
          else if (f === TENSOR_EXTERNAL_DATA) {
            let key = '';
            let value = '';
            fields(bytes, s, e, (kf, ks, ke) => {
              if (kf === 1) key = utf8.decode(bytes.subarray(ks, ke));
              else if (kf === 2) value = utf8.decode(bytes.subarray(ks, ke));
            });
            if (key === 'location') location = value;
          }
        });
        if (location !== undefined) refs.push({ tensor: name, location });
        continue;
      }
      const children = CHILDREN[kind];
      fields(bytes, start, end, (f, s, e) => {
        const child = children[f];
        if (child) stack.push([child, s, e]);
      });
    }
  } catch (e) {
    if (e instanceof Malformed) return [];
    throw e;
  }
  return refs;
}
