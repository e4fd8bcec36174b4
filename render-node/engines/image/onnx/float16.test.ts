import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromFloat16Array, fromFloat16Bits, toFloat16Array, toFloat16Bits } from './float16.ts';

test('known half-precision bit patterns', () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff],
    [999, 0x63ce],
    [2 ** -24, 0x0001],
    [2 ** -14, 0x0400],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
  ];
  for (const [value, bits] of cases) {
    assert.equal(toFloat16Bits(value), bits, `toFloat16Bits(${value})`);
    assert.equal(fromFloat16Bits(bits), value, `fromFloat16Bits(0x${bits.toString(16)})`);
  }
  assert.equal(toFloat16Bits(-0), 0x8000);
  assert.ok(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN))));
});

test('rounds to nearest, ties to even, and overflows to infinity', () => {
  // 1 + 2^-11 is halfway between 1 and the next half (1 + 2^-10): ties go to the even 1.
  assert.equal(toFloat16Bits(1 + 2 ** -11), 0x3c00);
  // 1 + 3·2^-11 is halfway between 1+2^-10 (odd) and 1+2^-9 (even).
  assert.equal(toFloat16Bits(1 + 3 * 2 ** -11), 0x3c02);
  assert.equal(toFloat16Bits(1 + 2 ** -11 + 2 ** -20), 0x3c01);
  assert.equal(toFloat16Bits(70000), 0x7c00);
  assert.equal(toFloat16Bits(2 ** -26), 0x0000);
});

test('arrays round-trip within half precision', () => {
  const values = [0.1, -3.14159, 14.6146, 0.18215, -0.99];
  const back = fromFloat16Array(toFloat16Array(values));
  values.forEach((v, i) => assert.ok(Math.abs(back[i]! - v) <= Math.abs(v) * 2 ** -11, `${v}`));
});
