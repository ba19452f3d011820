import Engine
import Media
import Foundation
import GRDB

/// Every finished generation, in SQLite (WAL) at $XDG_DATA_HOME/studio/history.sqlite, with its files in a
/// ClipFolder beside it. A clip's folder is complete and renamed into place before its row commits, and a row
/// is deleted before its folder, so a crash or kill at any moment leaves rows that all point at whole folders;
/// at worst a whole folder without a row, which `open` takes back in once it is old enough to be abandoned.
final class HistoryStore {
    static let fileName = "history.sqlite"
    /// How old a rowless folder must be before it counts as abandoned: younger ones may be another process's
    /// clip between its rename and its commit.
    static let abandonedAfter: TimeInterval = 600

    let clips: ClipFolder
    let databaseURL: URL
    private let database: DatabasePool

    convenience init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(folder: ClipFolder.dataFolder(environment: environment))
    }

    /// Opens (creating) the history in `folder`, migrating the schema and tidying what a crash left.
    init(folder: URL, abandonedAfter: TimeInterval = HistoryStore.abandonedAfter) throws {
        databaseURL = folder.appendingPathComponent(Self.fileName)
        clips = ClipFolder(root: folder.appendingPathComponent("clips"))
        do {
            try FileManager.default.createDirectory(at: clips.root, withIntermediateDirectories: true)
            var configuration = Configuration()
            // Another studio (the TUI and a CLI run) may be writing; wait for it rather than fail.
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: databaseURL.path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw HistoryError.cannotOpen(path: databaseURL.path, reason: Self.reason(error))
        }
        try? tidy(abandonedAfter: abandonedAfter)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: generations") { db in
            try db.create(table: HistoryEntry.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull().indexed()
                t.column("prompt", .text).notNull()
                t.column("negativePrompt", .text)
                t.column("seed", .text).notNull()
                t.column("steps", .integer).notNull()
                t.column("guidance", .double).notNull()
                t.column("sampler", .text).notNull()
                t.column("frames", .integer).notNull()
                t.column("width", .integer).notNull()
                t.column("height", .integer).notNull()
                t.column("modelName", .text).notNull()
                t.column("modelWeightsHash", .text)
                t.column("studioVersion", .text).notNull()
                t.column("seconds", .double).notNull()
                t.column("folder", .text).notNull().unique()
                t.column("thumbnail", .text).notNull()
            }
        }
        return migrator
    }

    // MARK: Writing

    /// Saves the clip's files, then commits its row; returns the new entry.
    @discardableResult
    func record(_ clip: GeneratedClip, modelName: String, modelWeightsHash: String?, jobID: Int = 0) throws -> HistoryEntry {
        let folder: URL
        do {
            folder = try clips.save(clip, jobID: jobID, model: modelName, modelWeightsHash: modelWeightsHash)
        } catch {
            throw HistoryError.cannotRecord(reason: Self.reason(error))
        }
        var entry = HistoryEntry(metadata: ClipMetadata(clip: clip, modelName: modelName, modelWeightsHash: modelWeightsHash,
                                                        studioVersion: StudioVersion.current),
                                 seconds: clip.seconds, folder: folder.lastPathComponent)
        do {
            try database.write { db in try entry.insert(db) }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw HistoryError.cannotRecord(reason: Self.reason(error))
        }
        return entry
    }

    /// Removes the entry: the row first, then its files. Returns false when there was no such entry.
    @discardableResult
    func delete(id: Int64) throws -> Bool {
        let removed: HistoryEntry? = try database.write { db in
            guard let entry = try HistoryEntry.fetchOne(db, key: id) else { return nil }
            try entry.delete(db)
            return entry
        }
        guard let removed else { return false }
        try? FileManager.default.removeItem(at: folderURL(of: removed))
        return true
    }

    // MARK: Reading

    /// Newest first; `text` keeps entries whose prompt or negative prompt contains it (any case).
    func entries(matching text: String? = nil, limit: Int? = nil) throws -> [HistoryEntry] {
        try database.read { db in
            var request = HistoryEntry.order(Column("id").desc)
            if let text, !text.isEmpty {
                let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                request = request.filter(sql: "prompt LIKE ?1 ESCAPE '\\' OR negativePrompt LIKE ?1 ESCAPE '\\'",
                                         arguments: ["%\(escaped)%"])
            }
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    func entry(id: Int64) throws -> HistoryEntry {
        guard let entry = try database.read({ db in try HistoryEntry.fetchOne(db, key: id) }) else {
            throw HistoryError.noSuchEntry(id: id)
        }
        return entry
    }

    func folderURL(of entry: HistoryEntry) -> URL { clips.root.appendingPathComponent(entry.folder) }

    /// The entry's frames as a clip again, from its frames.npy.
    func clip(of entry: HistoryEntry) throws -> GeneratedClip {
        let folder = folderURL(of: entry)
        let frames = try ClipFramesReader.readTensor(folder: folder.path)
        return GeneratedClip(frames: frames, settings: entry.settings, seconds: entry.seconds)
    }

    /// The files an entry should have that are missing or unreadable (empty when it is complete).
    func missingFiles(of entry: HistoryEntry) -> [String] {
        let folder = folderURL(of: entry)
        var expected = (0..<entry.frames).map { String(format: "frame_%04d.png", $0) }
        expected += [ClipFolder.settingsFile, entry.thumbnail]
        var missing = expected.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        do {
            let frames = try ClipFramesReader.readTensor(folder: folder.path)
            if frames.shape != [entry.frames, entry.height, entry.width, 3] { missing.append("\(ClipFolder.framesFile) (shape \(frames.shape))") }
        } catch {
            missing.append(ClipFolder.framesFile)
        }
        return missing
    }

    /// SQLite's own check of the database file: "ok" when sound.
    func integrityCheck() throws -> String {
        try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    // MARK: After a crash

    /// Removes abandoned staging folders and takes back abandoned whole folders (a crash between a folder's
    /// rename and its row's commit, or clips saved before the history existed) as entries.
    func tidy(abandonedAfter age: TimeInterval) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: clips.root.path)
        let known = Set(try database.read { db in try String.fetchAll(db, sql: "SELECT folder FROM generation") })
        let cutoff = Date().addingTimeInterval(-age)
        for name in names where !known.contains(name) {
            let url = clips.root.appendingPathComponent(name)
            guard let modified = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
                  modified < cutoff else { continue }
            if name.hasPrefix(".") && name.hasSuffix(ClipFolder.stagingSuffix) {
                try? FileManager.default.removeItem(at: url)
            } else if !name.hasPrefix(".") {
                try? adopt(url, createdAt: modified)
            }
        }
    }

    private func adopt(_ folder: URL, createdAt: Date) throws {
        let data = try Data(contentsOf: folder.appendingPathComponent(ClipFolder.settingsFile))
        let metadata = try ClipMetadata.decode(json: data, source: folder.path)
        let seconds = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["seconds"] as? Double ?? 0
        let thumbnail = FileManager.default.fileExists(atPath: folder.appendingPathComponent(ClipFolder.thumbnailFile).path)
            ? ClipFolder.thumbnailFile : "frame_0000.png"
        var entry = HistoryEntry(createdAt: createdAt, metadata: metadata, seconds: seconds,
                                 folder: folder.lastPathComponent, thumbnail: thumbnail)
        guard missingFiles(of: entry).isEmpty else { return }
        try database.write { db in try entry.insert(db) }
    }

    private static func reason(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        if let error = error as? HistoryError { return error.description }
        return (error as? LocalizedError)?.errorDescription ?? String(describing: error)
    }
}
