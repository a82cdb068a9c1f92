/** 1-based line and column of a UTF-16 index. */
export function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split(/\r\n|[\n\r\u0085\u2028\u2029]/).length;
  const lastBreak = Math.max(
    before.lastIndexOf('\n'),
    before.lastIndexOf('\r'),
    before.lastIndexOf('\u2028'),
    before.lastIndexOf('\u2029'),
    before.lastIndexOf('\u0085'),
  );
  return { line, column: index - lastBreak };
}
