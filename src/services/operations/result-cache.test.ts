import { describe, expect, it } from 'vitest';
import { resultCache } from './result-cache.js';

describe('resultCache', () => {
  it('computes once per key while the data version holds, and again after it changes', async () => {
    let version = 'v1';
    let calls = 0;
    const cache = resultCache(() => version);
    const compute = () => Promise.resolve(++calls);
    expect(await cache.get('a', compute)).toBe(1);
    expect(await cache.get('a', compute)).toBe(1);
    expect(await cache.get('b', compute)).toBe(2);
    version = 'v2';
    expect(await cache.get('a', compute)).toBe(3);
    expect(cache.size).toBe(1);
  });

  it('does not keep failures and evicts the least recently used entry beyond its size', async () => {
    const cache = resultCache(() => 'v', 2);
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('x', () => Promise.resolve('ok'))).toBe('ok');
    await cache.get('y', () => Promise.resolve(1));
    await cache.get('x', () => Promise.resolve('recomputed')); // touches x: y is now the oldest
    await cache.get('z', () => Promise.resolve(2));
    expect(cache.size).toBe(2);
    expect(await cache.get('x', () => Promise.resolve('again'))).toBe('ok');
    expect(await cache.get('y', () => Promise.resolve('fresh'))).toBe('fresh');
  });
});
