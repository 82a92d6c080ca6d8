package io.scopecloud.report.codec;

/**
 * Formats a float64 the way Scope's JSON codec (ugorji) does: Go's {@code strconv.FormatFloat(f, 'G', -1, 64)}
 * (shortest digits; exponent form when the decimal exponent is below -4 or at least 6, with at least two exponent
 * digits) plus ".0" when the result has neither a point nor an exponent: {@code 100.0},
 * {@code 8.8866816E+07}, {@code 0.86}.
 */
final class GoFloats {
    private GoFloats() {}

    /** Null for NaN and infinities, which JSON cannot carry. */
    static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        String s = Double.toString(Math.abs(d));
        // Split Java's output into significant digits and the position of the decimal point.
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int dp = dot + exp10; // digits before the decimal point
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        dp -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        int nd = digits.length();
        StringBuilder out = new StringBuilder(32);
        if (d < 0) {
            out.append('-');
        }
        int exp = dp - 1;
        if (exp < -4 || exp >= 6) { // Go: with shortest precision, %e is used below -4 and from 6
            out.append(digits.charAt(0));
            if (nd > 1) {
                out.append('.').append(digits, 1, nd);
            }
            out.append('E').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                out.append('0');
            }
            out.append(a);
            return out.toString();
        }
        if (dp <= 0) {
            out.append("0.");
            for (int i = dp; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else if (dp >= nd) {
            out.append(digits);
            for (int i = nd; i < dp; i++) {
                out.append('0');
            }
            out.append(".0");
        } else {
            out.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return out.toString();
    }
}
