import TUI

/// The generation settings the form edits, with the pipeline's defaults and the steps `+`/`-` take.
struct GenerationForm: Equatable, Sendable {
    var seed: UInt64 = 0
    var steps = 50
    var guidance = 9.0
    var frames = 16
    var width = 256
    var height = 256
    var sampler = "ddim"

    /// Sampler names offered in the form; the engine decides what each means.
    static let samplers = ["ddim", "dpm++"]
    static let seedRange: ClosedRange<UInt64> = 0...UInt64(UInt32.max)
    static let stepsRange = 1...500
    static let guidanceRange = 0.0...30.0
    static let framesRange = 1...64
    /// Sides are multiples of 64 so the latent (÷8) survives the UNet's three downsamplings.
    static let sideRange = 64...1024

    /// The fields in the order they are shown and focused.
    enum Field: Int, CaseIterable, Sendable {
        case seed, steps, guidance, frames, width, height, sampler

        var label: String {
            switch self {
            case .seed: return "seed"
            case .steps: return "steps"
            case .guidance: return "guidance"
            case .frames: return "frames"
            case .width: return "width"
            case .height: return "height"
            case .sampler: return "sampler"
            }
        }
    }

    func value(of field: Field) -> String {
        switch field {
        case .seed: return String(seed)
        case .steps: return String(steps)
        case .guidance: return String(format1: guidance)
        case .frames: return String(frames)
        case .width: return String(width)
        case .height: return String(height)
        case .sampler: return sampler
        }
    }

    /// The fields as the settings pane draws them.
    var gridFields: [FieldGrid.Field] {
        Field.allCases.map { FieldGrid.Field(label: $0.label, value: value(of: $0)) }
    }

    /// Changes a field by `steps` of its increment (negative goes down), clamped to its range;
    /// the sampler cycles.
    mutating func adjust(_ field: Field, by count: Int) {
        switch field {
        case .seed:
            let next = Int64(clamping: seed) + Int64(count)
            seed = UInt64(min(max(next, Int64(Self.seedRange.lowerBound)), Int64(Self.seedRange.upperBound)))
        case .steps: steps = clamp(steps + count, Self.stepsRange)
        case .guidance: guidance = min(max(guidance + 0.5 * Double(count), Self.guidanceRange.lowerBound), Self.guidanceRange.upperBound)
        case .frames: frames = clamp(frames + count, Self.framesRange)
        case .width: width = clamp(width + 64 * count, Self.sideRange)
        case .height: height = clamp(height + 64 * count, Self.sideRange)
        case .sampler:
            let index = Self.samplers.firstIndex(of: sampler) ?? 0
            let n = Self.samplers.count
            sampler = Self.samplers[((index + count) % n + n) % n]
        }
    }

    /// What became of a typed value.
    enum TypedValue: Equatable {
        case accepted
        /// The value was outside the field's range or grid and was moved to the nearest allowed one.
        case adjusted
        case notANumber
    }

    /// True when `character` may be typed into `field` (digits; a point for guidance; nothing for
    /// the sampler, which only cycles).
    static func accepts(_ character: Character, in field: Field) -> Bool {
        guard field != .sampler, character.isASCII else { return false }
        return character.isNumber || (field == .guidance && character == ".")
    }

    /// Sets a field from typed text, clamped to its range; guidance keeps one decimal place and
    /// sides snap to the nearest multiple of 64.
    mutating func set(_ field: Field, typed text: String) -> TypedValue {
        switch field {
        case .seed:
            guard let value = UInt64(text) else { return text.allSatisfy(\.isNumber) && !text.isEmpty ? clampSeed() : .notANumber }
            seed = min(value, Self.seedRange.upperBound)
            return seed == value ? .accepted : .adjusted
        case .guidance:
            guard let value = Double(text), value.isFinite else { return .notANumber }
            let tenths = ((value * 10).rounded() / 10)
            guidance = min(max(tenths, Self.guidanceRange.lowerBound), Self.guidanceRange.upperBound)
            return guidance == value ? .accepted : .adjusted
        case .steps, .frames, .width, .height:
            guard let value = Int(text) else { return .notANumber }
            let range: ClosedRange<Int> = field == .steps ? Self.stepsRange : field == .frames ? Self.framesRange : Self.sideRange
            var result = clamp(value, range)
            if field == .width || field == .height { result = clamp(Int((Double(result) / 64).rounded()) * 64, range) }
            switch field {
            case .steps: steps = result
            case .frames: frames = result
            case .width: width = result
            default: height = result
            }
            return result == value ? .accepted : .adjusted
        case .sampler:
            return .notANumber
        }
    }

    /// A seed too long for UInt64 is still a number: it goes to the top of the range.
    private mutating func clampSeed() -> TypedValue {
        seed = Self.seedRange.upperBound
        return .adjusted
    }

    private func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }
}

extension String {
    /// One decimal place, the way guidance is written ("9.0", "7.5").
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
