/**
 * Growth of the typed arrays that per-post scratch space is made of: at least `minLength`, and at least double, so a
 * stream of ever longer posts costs a logarithmic number of copies. The contents are kept; new cells are 0.
 */
export function growInt32(array: Int32Array, minLength: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(minLength, array.length * 2));
  out.set(array);
  return out;
}

export function growUint8(array: Uint8Array, minLength: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.max(minLength, array.length * 2));
  out.set(array);
  return out;
}

export function growFloat64(array: Float64Array, minLength: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(Math.max(minLength, array.length * 2));
  out.set(array);
  return out;
}
