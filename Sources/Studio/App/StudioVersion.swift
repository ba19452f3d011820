/// The studio's version, printed by `studio --version` and written into exported metadata.
enum StudioVersion {
    static let current = "0.1.0"
}
