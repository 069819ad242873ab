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
    public var compact: String { var s = ""; write(into: &s, indent: nil, level: 0); return s }

    /// JSON text indented by two spaces, ending without a newline.
    public var pretty: String { var s = ""; write(into: &s, indent: "  ", level: 0); return s }

    private func write(into s: inout String, indent: String?, level: Int) {
        let nl = indent == nil ? "" : "\n"
        let pad = { (l: Int) in String(repeating: indent ?? "", count: l) }
        switch self {
        case let .string(v): Self.quote(v, into: &s)
        case let .number(v): s += v.isFinite ? DecimalFormat.string(v) : "null"
        case let .int(v): s += String(v)
        case let .bool(v): s += v ? "true" : "false"
        case .null: s += "null"
        case let .array(a):
            if a.isEmpty { s += "[]"; return }
            s += "[" + nl
            for (i, v) in a.enumerated() {
                s += pad(level + 1)
                v.write(into: &s, indent: indent, level: level + 1)
                s += (i < a.count - 1 ? "," : "") + nl
            }
            s += pad(level) + "]"
        case let .object(o):
            if o.isEmpty { s += "{}"; return }
            s += "{" + nl
            for (i, (k, v)) in o.enumerated() {
                s += pad(level + 1)
                Self.quote(k, into: &s)
                s += indent == nil ? ":" : ": "
                v.write(into: &s, indent: indent, level: level + 1)
                s += (i < o.count - 1 ? "," : "") + nl
            }
            s += pad(level) + "}"
        }
    }

    private static func quote(_ v: String, into s: inout String) {
        s += "\""
        for u in v.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            case _ where u.value < 0x20:
                let hex = Array("0123456789abcdef")
                s += "\\u00" + String(hex[Int(u.value >> 4)]) + String(hex[Int(u.value & 15)])
            default: s.unicodeScalars.append(u)
            }
        }
        s += "\""
    }
}
