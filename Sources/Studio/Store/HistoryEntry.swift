import Engine
import Media
import Foundation
import GRDB

/// One finished generation in the history: what made it, how long it took, and where its files are.
struct HistoryEntry: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "generation"

    var id: Int64?
    var createdAt: Date
    var prompt: String
    var negativePrompt: String?
    /// Decimal text: seeds are UInt64 and SQLite's integers are signed.
    var seed: String
    var steps: Int
    var guidance: Double
    var sampler: String
    var frames: Int
    var width: Int
    var height: Int
    var modelName: String
    var modelWeightsHash: String?
    var studioVersion: String
    /// Seconds the generation took.
    var seconds: Double
    /// The clip's folder name under the clips folder.
    var folder: String
    /// The thumbnail's file name inside the folder.
    var thumbnail: String

    init(id: Int64? = nil, createdAt: Date = Date(), metadata: ClipMetadata, seconds: Double, folder: String,
         thumbnail: String = ClipFolder.thumbnailFile) {
        let settings = metadata.settings
        self.id = id
        self.createdAt = createdAt
        prompt = settings.prompt
        negativePrompt = settings.negativePrompt
        seed = String(settings.seed)
        steps = settings.steps
        guidance = Double(settings.guidance)
        sampler = settings.sampler
        frames = settings.frames
        width = settings.width ?? 0
        height = settings.height ?? 0
        modelName = metadata.modelName
        modelWeightsHash = metadata.modelWeightsHash
        studioVersion = metadata.studioVersion
        self.seconds = seconds
        self.folder = folder
        self.thumbnail = thumbnail
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var settings: GenerationSettings {
        GenerationSettings(prompt: prompt, negativePrompt: negativePrompt, seed: UInt64(seed) ?? 0, steps: steps,
                           guidance: Float(guidance), frames: frames, width: width, height: height, sampler: sampler)
    }

    var metadata: ClipMetadata {
        ClipMetadata(settings: settings, modelName: modelName, modelWeightsHash: modelWeightsHash, studioVersion: studioVersion)
    }
}
