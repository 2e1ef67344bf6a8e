import { describe, expect, it } from 'vitest';
import {
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isValidLabelValue,
} from './validation.ts';

describe('name and label validation (apimachinery messages)', () => {
  it('accepts good names', () => {
    expect(isDns1123Label('db-cluster')).toEqual([]);
    expect(isDns1123Subdomain('data-volume-db-cluster-0.x')).toEqual([]);
    expect(isDns1035Label('db-service')).toEqual([]);
    expect(isValidLabelValue('')).toEqual([]);
  });

  it('explains bad ones', () => {
    expect(isDns1123Label('a'.repeat(64))[0]).toBe('must be no more than 63 characters');
    expect(isDns1035Label('1abc')[0]).toBe(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
    expect(isDns1123Subdomain('-x')[0]).toBe(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(isValidLabelValue('x'.repeat(64))).toContain('must be no more than 63 characters');
  });
});
