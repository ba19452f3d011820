/// Errors in a model's structure or inputs that its configuration or caller got wrong.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case invalidStructure(String)
    case invalidInput(String)
    case cancelled

    public var description: String {
        switch self {
        case .invalidStructure(let what): return "model structure not supported: \(what)"
        case .invalidInput(let what): return "invalid input: \(what)"
        case .cancelled: return "cancelled"
        }
    }
}
