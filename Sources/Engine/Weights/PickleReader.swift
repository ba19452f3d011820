import Foundation

/// A value a restricted unpickling produced. Lists and dicts are boxes because pickle fills them in
/// place after memoizing them (`EMPTY_DICT`, `BINPUT`, … `SETITEMS`).
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDict)
    /// An allow-listed callable, named `module.name`; only `REDUCE` gives it meaning.
    case callable(String)
    /// A `BINPERSID` storage reference: PyTorch's `('storage', Type, key, location, numel)`.
    case storage(TorchStorageReference)
    case tensor(TorchTensorReference)

    var int: Int? { if case .int(let value) = self { return value } else { return nil } }
    var string: String? { if case .string(let value) = self { return value } else { return nil } }
}

final class PickleList { var items: [PickleValue] = [] }
final class PickleDict { var items: [(key: PickleValue, value: PickleValue)] = [] }

/// One storage of a PyTorch checkpoint: the zip entry `data/<key>` holding `count` elements.
struct TorchStorageReference: Equatable {
    let key: String
    let dtype: DType
    let count: Int
}

/// A tensor view of a storage, as `torch._utils._rebuild_tensor_v2` would build it.
struct TorchTensorReference: Equatable {
    let storage: TorchStorageReference
    /// In elements from the start of the storage.
    let offset: Int
    let shape: [Int]
    let strides: [Int]
}

/// Reads the pickle of a PyTorch state dict without running anything from it.
///
/// Python's unpickler imports and calls whatever a `GLOBAL` opcode names, so a checkpoint can run any
/// code. This reader knows only the opcodes a dict of tensors needs and only the callables that build
/// one (`collections.OrderedDict`, `torch._utils._rebuild_tensor_v2`, `_rebuild_parameter`, the storage
/// types); any other `GLOBAL` is refused by name before anything else happens.
struct PickleReader {
    /// Storage type names PyTorch writes into persistent ids, with their element type.
    static let storageTypes: [String: DType] = [
        "torch.FloatStorage": .f32, "torch.HalfStorage": .f16, "torch.BFloat16Storage": .bf16,
        "torch.DoubleStorage": .f64, "torch.LongStorage": .i64, "torch.IntStorage": .i32,
        "torch.ShortStorage": .i16, "torch.CharStorage": .i8, "torch.ByteStorage": .u8, "torch.BoolStorage": .bool,
    ]
    static let callables: Set<String> = [
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
    ]

    let url: URL
    private let bytes: [UInt8]
    private var position = 0
    private var stack: [PickleValue] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]

    init(bytes: [UInt8], url: URL) {
        self.bytes = bytes
        self.url = url
    }

    /// Runs the opcodes up to `STOP` and returns the single value left.
    static func read(_ bytes: [UInt8], url: URL) throws -> PickleValue {
        var reader = PickleReader(bytes: bytes, url: url)
        return try reader.run()
    }

    private mutating func run() throws -> PickleValue {
        while true {
            let opcode = try byte()
            switch opcode {
            case 0x80: _ = try byte()  // PROTO n
            case 0x95: _ = try take(8)  // FRAME length (protocol 4): frames need no special handling
            case 0x2E:  // STOP
                guard stack.count == 1 else { throw bad("STOP with \(stack.count) values on the stack") }
                return stack[0]
            case 0x28: marks.append(stack.count)  // MARK
            case 0x4E: stack.append(.none)  // NONE
            case 0x88: stack.append(.bool(true))  // NEWTRUE
            case 0x89: stack.append(.bool(false))  // NEWFALSE
            case 0x4A: stack.append(.int(Int(Int32(bitPattern: try littleEndian(4)))))  // BININT
            case 0x4B: stack.append(.int(Int(try byte())))  // BININT1
            case 0x4D: stack.append(.int(Int(try littleEndian(2))))  // BININT2
            case 0x8A: stack.append(.int(try long(count: Int(try byte()))))  // LONG1
            case 0x47: stack.append(.float(Double(bitPattern: try bigEndian64())))  // BINFLOAT
            case 0x58: stack.append(.string(try text(count: Int(try littleEndian(4)))))  // BINUNICODE
            case 0x8C: stack.append(.string(try text(count: Int(try byte()))))  // SHORT_BINUNICODE
            case 0x54: stack.append(.string(try text(count: Int(try littleEndian(4)))))  // BINSTRING
            case 0x55: stack.append(.string(try text(count: Int(try byte()))))  // SHORT_BINSTRING
            case 0x42: stack.append(.bytes(try take(Int(try littleEndian(4)))))  // BINBYTES
            case 0x43: stack.append(.bytes(try take(Int(try byte()))))  // SHORT_BINBYTES
            case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE
            case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
            case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT
            case 0x74: stack.append(.tuple(try popToMark()))  // TUPLE
            case 0x85: stack.append(.tuple(try pop(1)))  // TUPLE1
            case 0x86: stack.append(.tuple(try pop(2)))  // TUPLE2
            case 0x87: stack.append(.tuple(try pop(3)))  // TUPLE3
            case 0x71: memo[Int(try byte())] = try top()  // BINPUT
            case 0x72: memo[Int(try littleEndian(4))] = try top()  // LONG_BINPUT
            case 0x94: memo[memo.count] = try top()  // MEMOIZE
            case 0x68: stack.append(try recall(Int(try byte())))  // BINGET
            case 0x6A: stack.append(try recall(Int(try littleEndian(4))))  // LONG_BINGET
            case 0x61: try append(try pop(1))  // APPEND
            case 0x65: try append(try popToMark())  // APPENDS
            case 0x73: try setItems(try pop(2))  // SETITEM
            case 0x75: try setItems(try popToMark())  // SETITEMS
            case 0x63: stack.append(try global(module: try line(), name: try line()))  // GLOBAL
            case 0x93:  // STACK_GLOBAL
                let parts = try pop(2)
                guard let module = parts[0].string, let name = parts[1].string else { throw bad("STACK_GLOBAL without two strings") }
                stack.append(try global(module: module, name: name))
            case 0x51: stack.append(try persistent(try pop(1)[0]))  // BINPERSID
            case 0x52:  // REDUCE
                let parts = try pop(2)
                stack.append(try reduce(parts[0], arguments: parts[1]))
            case 0x62:  // BUILD: only the attribute state of an OrderedDict (`_metadata`), which is dropped
                _ = try pop(1)
                guard case .dict = try top() else { throw bad("BUILD on something other than a dict") }
            default:
                throw bad(String(format: "unsupported opcode 0x%02X at byte %d", opcode, position - 1))
            }
        }
    }

    private mutating func global(module: String, name: String) throws -> PickleValue {
        let full = "\(module).\(name)"
        if Self.callables.contains(full) || Self.storageTypes[full] != nil { return .callable(full) }
        throw WeightError.refusedCallable(url, name: full)
    }

    /// PyTorch's persistent id for a storage: `('storage', StorageType, key, location, numel)`.
    private func persistent(_ id: PickleValue) throws -> PickleValue {
        guard case .tuple(let parts) = id, parts.count == 5, parts[0].string == "storage",
              case .callable(let typeName) = parts[1], let dtype = Self.storageTypes[typeName],
              let key = parts[2].string, let count = parts[4].int, count >= 0 else {
            throw bad("persistent id is not a PyTorch storage reference")
        }
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw bad("storage key '\(key)' is not a plain name")
        }
        return .storage(TorchStorageReference(key: key, dtype: dtype, count: count))
    }

    private func reduce(_ callable: PickleValue, arguments: PickleValue) throws -> PickleValue {
        guard case .callable(let name) = callable, case .tuple(let args) = arguments else {
            throw bad("REDUCE without a callable and an argument tuple")
        }
        switch name {
        case "collections.OrderedDict":
            guard args.isEmpty else { throw bad("OrderedDict called with arguments") }
            return .dict(PickleDict())
        case "torch._utils._rebuild_parameter":
            guard let data = args.first, case .tensor = data else { throw bad("_rebuild_parameter without a tensor") }
            return data
        case "torch._utils._rebuild_tensor_v2":
            guard args.count >= 4, case .storage(let storage) = args[0], let offset = args[1].int,
                  case .tuple(let sizes) = args[2], case .tuple(let strides) = args[3] else {
                throw bad("_rebuild_tensor_v2 with unexpected arguments")
            }
            let shape = sizes.compactMap(\.int), steps = strides.compactMap(\.int)
            guard shape.count == sizes.count, steps.count == strides.count, shape.count == steps.count,
                  offset >= 0, shape.allSatisfy({ $0 >= 0 }), steps.allSatisfy({ $0 >= 0 }) else {
                throw bad("_rebuild_tensor_v2 with a malformed size, stride or offset")
            }
            return .tensor(TorchTensorReference(storage: storage, offset: offset, shape: shape, strides: steps))
        default:
            throw bad("\(name) cannot be called")
        }
    }

    private mutating func append(_ values: [PickleValue]) throws {
        guard case .list(let list) = try top() else { throw bad("APPEND to something other than a list") }
        list.items.append(contentsOf: values)
    }

    private mutating func setItems(_ values: [PickleValue]) throws {
        guard values.count % 2 == 0 else { throw bad("SETITEMS with an odd number of values") }
        guard case .dict(let dict) = try top() else { throw bad("SETITEM on something other than a dict") }
        for pair in stride(from: 0, to: values.count, by: 2) {
            dict.items.append((values[pair], values[pair + 1]))
        }
    }

    private func top() throws -> PickleValue {
        guard let last = stack.last else { throw bad("stack underflow") }
        return last
    }

    private func recall(_ index: Int) throws -> PickleValue {
        guard let value = memo[index] else { throw bad("memo entry \(index) read before it was written") }
        return value
    }

    private mutating func pop(_ count: Int) throws -> [PickleValue] {
        guard stack.count - count >= (marks.last ?? 0) else { throw bad("stack underflow") }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private mutating func popToMark() throws -> [PickleValue] {
        guard let mark = marks.popLast() else { throw bad("no MARK before a collection opcode") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw bad("ends without STOP") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else { throw bad("a value runs past the end") }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    private mutating func littleEndian(_ count: Int) throws -> UInt32 {
        try take(count).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    private mutating func bigEndian64() throws -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A little-endian two's-complement integer of `count` bytes (LONG1); more than 8 bytes is refused.
    private mutating func long(count: Int) throws -> Int {
        guard count <= 8 else { throw bad("integer of \(count) bytes is too large") }
        let raw = try take(count)
        guard let last = raw.last else { return 0 }
        var value = raw.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if last & 0x80 != 0, count < 8 { value |= ~UInt64(0) << UInt64(count * 8) }
        return Int(Int64(bitPattern: value))
    }

    private mutating func text(count: Int) throws -> String {
        guard let string = String(bytes: try take(count), encoding: .utf8) else { throw bad("string is not UTF-8") }
        return string
    }

    /// A newline-terminated ASCII line (GLOBAL's module and name).
    private mutating func line() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw bad("GLOBAL name without a newline") }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    private func bad(_ reason: String) -> WeightError { .badPickle(url, reason: reason) }
}
