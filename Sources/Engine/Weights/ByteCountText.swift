/// Human byte counts in decimal units, as model hubs list file sizes: `335 MB`, `2.82 GB`.
public enum ByteCountText {
    public static func format(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 999.5, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        // Three significant digits, judged after rounding (9.996 shows as 10.0, not 10.00).
        let digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2
        return "\(rounded(value, digits: digits)) \(units[unit])"
    }

    private static func rounded(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        guard digits > 0 else { return String(scaled) }
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
