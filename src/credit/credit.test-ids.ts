// Test helper: valid 居民身份证 numbers.

/** A valid 居民身份证 number for a birth date (check character computed). */
export function idNumber(birth = '19900307', seq = '123'): string {
  const first17 = `420102${birth}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}
