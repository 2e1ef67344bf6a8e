import { describe, expect, it } from 'vitest';
import { parseQuantity, podQosClass, podRequests } from './resources.ts';
import { goFormat } from './strict.ts';

describe('quantities', () => {
  it('parses decimal, binary and milli suffixes', () => {
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1Gi')).toBe(1024 ** 3);
    expect(parseQuantity('128M')).toBe(128e6);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('3 apples')).toBeNaN();
  });

  it('sums container requests, with init containers as a floor, and limits as defaults', () => {
    expect(
      podRequests({
        containers: [
          { name: 'a', resources: { requests: { cpu: '250m', memory: '64Mi' } } },
          { name: 'b', resources: { limits: { cpu: '1' } } },
        ],
        initContainers: [{ name: 'i', resources: { requests: { cpu: '2' } } }],
      }),
    ).toEqual({ milliCpu: 2000, memory: 64 * 1024 * 1024 });
  });

  it('classifies QoS', () => {
    expect(podQosClass({ containers: [{ name: 'a' }] })).toBe('BestEffort');
    expect(
      podQosClass({ containers: [{ name: 'a', resources: { requests: { cpu: '1' } } }] }),
    ).toBe('Burstable');
    expect(
      podQosClass({
        containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }],
      }),
    ).toBe('Guaranteed');
  });
});

describe('goFormat (Go %+v of decoded JSON)', () => {
  it('sorts map keys and prints lists with spaces', () => {
    expect(goFormat({ spec: { replicass: 3, b: [1, 'x'] }, a: null })).toBe(
      'map[a:<nil> spec:map[b:[1 x] replicass:3]]',
    );
  });
});
