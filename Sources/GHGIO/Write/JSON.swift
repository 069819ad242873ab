import GHGCore

/// A JSON value with ordered object keys, written deterministically (keys in insertion order, numbers through
/// ``DecimalFormat``), so that the same inputs give the same bytes.
public indirect enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// A string.
    case string(String)
    /// A number.
    case number(Double)
    /// An integer.
    case int(Int)
    /// A boolean.
    case bool(Bool)
    /// Null.
    case null
    /// An array.
    case array([JSONValue])
    /// An object with ordered keys.
    case object([(String, JSONValue)])

    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .int(value) }

    /// An optional string, or null.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Compact JSON text on one line.
    public var compact: String { var b: [UInt8] = []; write(into: &b, indent: nil, level: 0); return String(decoding: b, as: UTF8.self) }

    /// JSON text indented by two spaces, ending without a newline.
    public var pretty: String { var b: [UInt8] = []; write(into: &b, indent: 2, level: 0); return String(decoding: b, as: UTF8.self) }

    /// Appends the text ``pretty`` writes for this value where it sits `level` deep in a document (pieces of one
    /// document written separately, side by side, join into ``pretty``'s text).
    func appendPretty(to buffer: inout [UInt8], level: Int) { write(into: &buffer, indent: 2, level: level) }

    /// Appends compact JSON to a byte buffer (the fast path for large outputs such as `lineage.jsonl`).
    public func appendCompact(to buffer: inout [UInt8]) { write(into: &buffer, indent: nil, level: 0) }

    private func write(into b: inout [UInt8], indent: Int?, level: Int) {
        func newline(_ l: Int) {
            guard let indent else { return }
            b.append(0x0A)
            b.append(contentsOf: repeatElement(0x20, count: indent * l))
        }
        switch self {
        case let .string(v): Self.quote(v, into: &b)
        case let .number(v): b.append(contentsOf: (v.isFinite ? DecimalFormat.string(v) : "null").utf8)
        case let .int(v): b.append(contentsOf: String(v).utf8)
        case let .bool(v): b.append(contentsOf: (v ? "true" : "false").utf8)
        case .null: b.append(contentsOf: "null".utf8)
        case let .array(a):
            if a.isEmpty { b.append(contentsOf: "[]".utf8); return }
            b.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { b.append(UInt8(ascii: ",")) }
                newline(level + 1)
                v.write(into: &b, indent: indent, level: level + 1)
            }
            newline(level)
            b.append(UInt8(ascii: "]"))
        case let .object(o):
            if o.isEmpty { b.append(contentsOf: "{}".utf8); return }
            b.append(UInt8(ascii: "{"))
            for (i, (k, v)) in o.enumerated() {
                if i > 0 { b.append(UInt8(ascii: ",")) }
                newline(level + 1)
                Self.quote(k, into: &b)
                b.append(UInt8(ascii: ":"))
                if indent != nil { b.append(0x20) }
                v.write(into: &b, indent: indent, level: level + 1)
            }
            newline(level)
            b.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends a JSON string literal. UTF-8 passes through unchanged; only `"`, `\\` and control characters are
    /// escaped.
    static func quote(_ v: String, into b: inout [UInt8]) {
        b.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are appended whole.
        let done: Void? = v.utf8.withContiguousStorageIfAvailable { u in
            var start = 0
            for i in 0..<u.count {
                let c = u[i]
                if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") { continue }
                if i > start { b.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
                escape(c, into: &b)
                start = i + 1
            }
            if u.count > start { b.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...])) }
        }
        if done == nil {
            for c in v.utf8 {
                if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                    b.append(c)
                } else {
                    escape(c, into: &b)
                }
            }
        }
        b.append(UInt8(ascii: "\""))
    }

    /// The escape of a quote, a backslash or a control character.
    private static func escape(_ c: UInt8, into b: inout [UInt8]) {
        switch c {
        case 0x0A: b.append(UInt8(ascii: "\\")); b.append(UInt8(ascii: "n"))
        case 0x0D: b.append(UInt8(ascii: "\\")); b.append(UInt8(ascii: "r"))
        case 0x09: b.append(UInt8(ascii: "\\")); b.append(UInt8(ascii: "t"))
        case 0..<0x20:
            b.append(contentsOf: "\\u00".utf8)
            b.append(hexDigits[Int(c >> 4)])
            b.append(hexDigits[Int(c & 15)])
        default: b.append(UInt8(ascii: "\\")); b.append(c)
        }
    }
}
