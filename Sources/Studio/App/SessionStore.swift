import Foundation

/// Keeps the form between runs of the studio: the prompt, negative prompt and settings go to
/// `$XDG_STATE_HOME/studio/session.json` on the way out and come back on the next start.
struct SessionStore {
    /// What is saved: the texts and every setting of the form.
    struct Snapshot: Codable, Equatable {
        var prompt: String
        var negativePrompt: String
        var seed: UInt64
        var steps: Int
        var guidance: Double
        var frames: Int
        var width: Int
        var height: Int
        var sampler: String

        init(state: StudioState) {
            prompt = state.prompt.text
            negativePrompt = state.negative.text
            let form = state.form
            (seed, steps, guidance, frames, width, height, sampler) =
                (form.seed, form.steps, form.guidance, form.frames, form.width, form.height, form.sampler)
        }

        func apply(to state: inout StudioState) {
            state.prompt.setText(prompt)
            state.negative.setText(negativePrompt)
            state.form = GenerationForm(seed: seed, steps: steps, guidance: guidance, frames: frames,
                                        width: width, height: height, sampler: sampler)
        }

        /// The first setting outside what the form allows, as `name value (allowed)`; nil when all fit.
        var problem: String? {
            if !GenerationForm.seedRange.contains(seed) { return "seed \(seed) (0…\(GenerationForm.seedRange.upperBound))" }
            if !GenerationForm.stepsRange.contains(steps) { return "steps \(steps) (\(GenerationForm.stepsRange))" }
            if !GenerationForm.guidanceRange.contains(guidance) { return "guidance \(guidance) (0…30)" }
            if !GenerationForm.framesRange.contains(frames) { return "frames \(frames) (\(GenerationForm.framesRange))" }
            for (name, side) in [("width", width), ("height", height)]
            where !GenerationForm.sideRange.contains(side) || side % 64 != 0 {
                return "\(name) \(side) (a multiple of 64 in \(GenerationForm.sideRange))"
            }
            if !GenerationForm.samplers.contains(sampler) {
                return "sampler \"\(sampler)\" (\(GenerationForm.samplers.joined(separator: ", ")))"
            }
            return nil
        }
    }

    /// What `load` found.
    enum Loaded: Equatable {
        case restored(Snapshot)
        /// No file yet (the first start).
        case missing
        case unusable(SessionFileError)
    }

    let file: URL

    init(file: URL) { self.file = file }

    init(environment: [String: String], homeDirectory: String) {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.local/state"
        file = URL(fileURLWithPath: state).appendingPathComponent("studio/session.json")
    }

    func load() -> Loaded {
        guard FileManager.default.fileExists(atPath: file.path) else { return .missing }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            return .unusable(.unreadable(file: file.path, reason: "cannot be read"))
        }
        let snapshot: Snapshot
        do {
            snapshot = try JSONDecoder().decode(Snapshot.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            return .unusable(.unreadable(file: file.path, reason: "no \"\(key.stringValue)\""))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let name = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .unusable(.unreadable(file: file.path, reason: "\"\(name)\" has the wrong type"))
        } catch {
            return .unusable(.unreadable(file: file.path, reason: "not valid JSON"))
        }
        if let problem = snapshot.problem {
            return .unusable(.unreadable(file: file.path, reason: "out of range: \(problem)"))
        }
        return .restored(snapshot)
    }

    /// Writes the snapshot under a temporary name and renames it over the old file, so a crash
    /// mid-write leaves the previous session intact.
    func save(_ snapshot: Snapshot) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(snapshot).write(to: file, options: .atomic)
        } catch {
            throw SessionFileError.unwritable(file: file.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Restores the saved session into `state` and says so in the status bar; a missing or unusable
    /// file leaves the defaults and one note.
    func restore(into state: inout StudioState) {
        switch load() {
        case .restored(let snapshot):
            snapshot.apply(to: &state)
            state.status = .init(text: "restored the last session's prompt and settings", kind: .info)
        case .missing:
            state.status = .init(text: "new session: type a prompt, then Ctrl-G (or Enter outside the text) to run", kind: .info)
        case .unusable(let error):
            state.status = .init(text: "\(error); starting from the defaults", kind: .warning)
        }
    }
}

/// Why the saved session could not be used or kept.
enum SessionFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case unwritable(file: String, reason: String)

    var description: String {
        switch self {
        case .unreadable(let file, let reason): return "session file \(file) ignored: \(reason)"
        case .unwritable(let file, let reason): return "could not save the session to \(file): \(reason)"
        }
    }
}
