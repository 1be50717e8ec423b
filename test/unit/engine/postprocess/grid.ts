// Tiny masks drawn as text: '.' = 0, a digit = that value, '#' = 255.
export function grid(rows: string[]) {
  const values = rows
    .join('')
    .split('')
    .map((c) => (c === '.' ? 0 : c === '#' ? 255 : Number(c)));
  return { width: rows[0]!.length, height: rows.length, values };
}
