import { RequestLoaders, thenMaybe } from './request-loaders';

describe('RequestLoaders', () => {
  const batchOf = (calls: string[][]) => async (keys: readonly string[]) => {
    calls.push([...keys]);
    return keys.map((k) => `loaded ${k}`);
  };

  it('gives a value primed before its loader existed at once, and the loader has it too', async () => {
    const loaders = new RequestLoaders();
    const calls: string[][] = [];
    loaders.prime('child', 'a', 'primed a');
    loaders.prime('child', 'b', null);
    expect(loaders.load('child', batchOf(calls), 'a')).toBe('primed a');
    expect(loaders.load('child', batchOf(calls), 'b')).toBeNull();
    await expect(loaders.get('child', batchOf(calls)).load('a')).resolves.toBe('primed a');
    expect(calls).toEqual([]);
  });

  it('loads what was not primed, in one batch', async () => {
    const loaders = new RequestLoaders();
    const calls: string[][] = [];
    loaders.prime('child', 'a', 'primed a');
    const [b, c] = [loaders.load('child', batchOf(calls), 'b'), loaders.load('child', batchOf(calls), 'c')];
    expect(b).toBeInstanceOf(Promise);
    await expect(Promise.all([b, c])).resolves.toEqual(['loaded b', 'loaded c']);
    expect(calls).toEqual([['b', 'c']]);
  });

  it('keeps the first value primed for a key', () => {
    const loaders = new RequestLoaders();
    loaders.prime('child', 'a', 'first');
    loaders.prime('child', 'a', 'second');
    expect(loaders.load('child', batchOf([]), 'a')).toBe('first');
  });

  it('goes through the loader for a value primed once the loader existed (a load may have given it another)', async () => {
    const loaders = new RequestLoaders();
    const calls: string[][] = [];
    await loaders.get('child', batchOf(calls)).load('a');
    loaders.prime('child', 'a', 'primed later');
    const got = loaders.load('child', batchOf(calls), 'a');
    expect(got).toBeInstanceOf(Promise);
    await expect(got).resolves.toBe('loaded a');
  });
});

describe('thenMaybe', () => {
  it.each([
    ['a value, at once', 2, false],
    ['a promise, when it resolves', Promise.resolve(2), true],
  ])('applies the function to %s', async (_case, input, isPromise) => {
    const out = thenMaybe(input as number | Promise<number>, (n) => n * 10);
    expect(out instanceof Promise).toBe(isPromise);
    expect(await out).toBe(20);
  });
});
