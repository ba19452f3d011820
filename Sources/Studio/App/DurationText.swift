/// Short human durations for the status bar and queue ("41 s", "3m05s", "1h02m").
enum DurationText {
    static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60)m\(pad(total % 60))s" }
        return "\(total / 3600)h\(pad(total / 60 % 60))m"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
