import { describe, expect, it } from 'vitest';
import { hashKey, matchKey } from './auth.ts';

describe('API keys', () => {
  it('matches a key against configured sha256 digests only', () => {
    const hashes = [hashKey('first-key'), 'not-a-digest', hashKey('second-key')];
    expect(matchKey('second-key', hashes)).toBe(hashKey('second-key'));
    expect(matchKey('third-key', hashes)).toBeNull();
    // A digest given as the key is not the key.
    expect(matchKey(hashKey('first-key'), hashes)).toBeNull();
  });
});
