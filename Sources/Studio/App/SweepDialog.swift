/// The seed-sweep dialog's values: how many runs, from which seed, and whether the seeds count up
/// from it or are drawn at random.
struct SweepDialog: Equatable {
    /// The dialog's two rows, in the order ↑/↓ and Tab move through them.
    enum Row: Equatable { case count, seeds }

    static let countRange = 1...64

    var count = 4
    var startSeed: UInt64
    var random = false
    var row: Row = .count
    /// True once a digit was typed: the next digit appends instead of replacing the default.
    var typedCount = false

    init(startSeed: UInt64) {
        self.startSeed = startSeed
    }

    mutating func nextRow() {
        row = row == .count ? .seeds : .count
    }

    /// `+`/`-` on the focused row: the count by one (clamped), the seed mode toggles.
    mutating func adjust(by amount: Int) {
        switch row {
        case .count:
            count = min(max(count + amount, Self.countRange.lowerBound), Self.countRange.upperBound)
            typedCount = false
        case .seeds:
            random.toggle()
        }
    }

    /// A digit typed on the count row: the first replaces the count, later ones append (clamped).
    mutating func type(digit: Int) {
        row = .count
        let next = typedCount ? count * 10 + digit : digit
        count = min(max(next, Self.countRange.lowerBound), Self.countRange.upperBound)
        typedCount = true
    }

    mutating func deleteDigit() {
        row = .count
        count = max(Self.countRange.lowerBound, count / 10)
        typedCount = true
    }

    /// The seeds the sweep runs: `startSeed, startSeed+1, …` (stopping at the top of the seed range),
    /// or `count` draws from `randomSeed`.
    func seeds(randomSeed: () -> UInt64 = { UInt64.random(in: GenerationForm.seedRange) }) -> [UInt64] {
        if random { return (0..<count).map { _ in randomSeed() } }
        let top = GenerationForm.seedRange.upperBound
        return (0..<UInt64(count)).map { min(startSeed + $0, top) }
    }

    /// The dialog's lines, focused row first marked, as the screen draws them.
    var lines: [(text: String, focused: Bool)] {
        let seeds = random ? "random" : "consecutive from \(startSeed)"
        return [("runs   \(count)", row == .count), ("seeds  \(seeds)", row == .seeds)]
    }
}
