/**
 * The set of CURPs already given, in 8 bytes a slot instead of a string and a Set entry each (≈ 80 bytes): at
 * 4× national scale (≈ 6.7 M students) about 130 MB instead of ≈ 540 MB. Each CURP is kept as two independent
 * 32-bit hashes in an open-addressing table; two different CURPs share both hashes with probability 2⁻⁶⁴ a pair,
 * and such a clash would only make the generator try the next homoclave (uniqueness is never lost).
 */
export class CurpSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private used = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
  }

  get size(): number {
    return this.used;
  }

  /** Adds `curp`; false when it (or a CURP with the same 64-bit hash) was there already. */
  add(curp: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < curp.length; i++) {
      const c = curp.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // Zero marks an empty slot: keep the low hash odd-or-nonzero.
    h1 = h1 >>> 0 || 1;
    h2 = h2 >>> 0;
    if (!this.insert(h1, h2)) return false;
    if (++this.used * 2 > this.lo.length) this.grow();
    return true;
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.lo.length - 1;
    let i = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    for (;;) {
      const lo = this.lo[i] ?? 0;
      if (lo === 0) {
        this.lo[i] = h1;
        this.hi[i] = h2;
        return true;
      }
      if (lo === h1 && this.hi[i] === h2) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const { lo, hi } = this;
    this.lo = new Uint32Array(lo.length * 2);
    this.hi = new Uint32Array(hi.length * 2);
    for (let i = 0; i < lo.length; i++) {
      const l = lo[i] ?? 0;
      if (l !== 0) this.insert(l, hi[i] ?? 0);
    }
  }
}
