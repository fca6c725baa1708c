// The table layout etcdctl prints (olekukonko/tablewriter with SetAlignment(ALIGN_RIGHT)):
// headers centred, cells right-aligned, one space of padding, +---+ borders.

function center(s: string, width: number): string {
  const total = width - s.length;
  const left = Math.floor(total / 2);
  return ' '.repeat(left) + s + ' '.repeat(total - left);
}

export function renderTable(header: string[], rows: string[][], align: 'right' | 'left' = 'right'): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const border = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  const line = (cells: string[], fmt: (s: string, w: number) => string) =>
    '|' + cells.map((c, i) => ' ' + fmt(c, widths[i]!) + ' ').join('|') + '|\n';
  let s = border + line(header, center) + border;
  for (const r of rows) s += line(r, (c, w) => (align === 'right' ? c.padStart(w) : c.padEnd(w)));
  return s + border;
}
