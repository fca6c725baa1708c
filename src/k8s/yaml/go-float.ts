// Go strconv.FormatFloat(f, 'g', -1, 64) as go-yaml v2's encoder (encode.go floatv)
// prints floats, with its YAML spellings of the specials.
//
// Shortest round-trip digits are the same in Go and JavaScript (both pick the shortest
// digit string that reads back as the same float, nearest when there is a choice), so
// the digits come from Number#toExponential() and only the layout follows Go's rules:
// %e when the decimal exponent is < -4 or >= 6 (shortest mode uses precision 6 for
// this decision), exponent with a sign and at least two digits; %f otherwise.

export function formatGoFloat(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const neg = x < 0;
  const e = Math.abs(x).toExponential(); // "d.ddde+N" with shortest digits
  const ePos = e.indexOf('e');
  const mantissa = e.slice(0, ePos);
  const exp10 = Number(e.slice(ePos + 1));
  const digits = mantissa.length > 1 ? mantissa[0] + mantissa.slice(2) : mantissa;
  const nd = digits.length;
  const dp = exp10 + 1; // position of the decimal point relative to the digits
  let body: string;
  if (exp10 < -4 || exp10 >= 6) {
    const a = Math.abs(exp10);
    body = digits[0] + (nd > 1 ? '.' + digits.slice(1) : '') + 'e' + (exp10 < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
  } else if (dp <= 0) {
    body = '0.' + '0'.repeat(-dp) + digits;
  } else if (dp >= nd) {
    body = digits + '0'.repeat(dp - nd);
  } else {
    body = digits.slice(0, dp) + '.' + digits.slice(dp);
  }
  return neg ? '-' + body : body;
}
