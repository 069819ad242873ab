/// Finds the first syntax error of a JSON text, so that a broken `ghg-project.json` or `set.json` is reported at its
/// line and column rather than with Foundation's message alone (RFC 8259 grammar; values are not interpreted).
enum JSONSyntax {
    /// The first error: its line and column (1-based; the column counts Unicode scalars) and what was expected; nil
    /// for a well-formed text.
    static func firstError(_ bytes: [UInt8]) -> (line: Int, column: Int, expected: String)? {
        var i = 0
        // A UTF-8 byte-order mark is allowed.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        var failure: (offset: Int, expected: String)?
        func fail(_ expected: String) -> Bool {
            if failure == nil { failure = (i, expected) }
            return false
        }
        func space() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard bytes.count - i >= w.count, Array(bytes[i..<i + w.count]) == w else { return fail("a value") }
            i += w.count
            return true
        }
        func string() -> Bool {
            guard i < bytes.count, bytes[i] == 0x22 else { return fail("'\"'") }
            i += 1
            while i < bytes.count {
                switch bytes[i] {
                case 0x22: i += 1; return true
                case 0x5C:
                    i += 1
                    guard i < bytes.count else { return fail("an escape after '\\'") }
                    if bytes[i] == 0x75 {
                        for _ in 0..<4 {
                            i += 1
                            guard i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39)
                                || (bytes[i] | 0x20 >= 0x61 && bytes[i] | 0x20 <= 0x66) else {
                                return fail("four hex digits after '\\u'")
                            }
                        }
                    } else if !Array("\"\\/bfnrt".utf8).contains(bytes[i]) {
                        return fail("an escape such as \\n or \\\" after '\\'")
                    }
                    i += 1
                case 0..<0x20: return fail("'\"' before the end of the line (a string cannot span lines)")
                default: i += 1
                }
            }
            return fail("'\"' closing the string")
        }
        func number() -> Bool {
            let start = i
            if i < bytes.count, bytes[i] == 0x2D { i += 1 }
            let digits = i
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i > digits else { i = start; return fail("a value") }
            if i < bytes.count, bytes[i] == 0x2E {
                i += 1
                let f = i
                while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                guard i > f else { return fail("a digit after '.'") }
            }
            if i < bytes.count, bytes[i] | 0x20 == 0x65 {
                i += 1
                if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
                let e = i
                while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                guard i > e else { return fail("a digit in the exponent") }
            }
            return true
        }
        func value(_ depth: Int) -> Bool {
            guard depth < 512 else { return fail("less nesting") }
            space()
            guard i < bytes.count else { return fail("a value") }
            switch bytes[i] {
            case 0x7B:
                i += 1
                space()
                if i < bytes.count, bytes[i] == 0x7D { i += 1; return true }
                while true {
                    space()
                    guard string() else { return false }
                    space()
                    guard i < bytes.count, bytes[i] == 0x3A else { return fail("':' after the key") }
                    i += 1
                    guard value(depth + 1) else { return false }
                    space()
                    guard i < bytes.count else { return fail("',' or '}'") }
                    if bytes[i] == 0x2C { i += 1; continue }
                    if bytes[i] == 0x7D { i += 1; return true }
                    return fail("',' or '}'")
                }
            case 0x5B:
                i += 1
                space()
                if i < bytes.count, bytes[i] == 0x5D { i += 1; return true }
                while true {
                    guard value(depth + 1) else { return false }
                    space()
                    guard i < bytes.count else { return fail("',' or ']'") }
                    if bytes[i] == 0x2C { i += 1; continue }
                    if bytes[i] == 0x5D { i += 1; return true }
                    return fail("',' or ']'")
                }
            case 0x22: return string()
            case 0x74: return literal("true")
            case 0x66: return literal("false")
            case 0x6E: return literal("null")
            default: return number()
            }
        }
        if value(0) {
            space()
            if i < bytes.count { _ = fail("the end of the text after the value") }
        }
        guard let (offset, expected) = failure else { return nil }
        // Line and column of the offset.
        var line = 1, lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        let upto = min(offset, bytes.count)
        let column = 1 + (lineStart < upto ? String(decoding: bytes[lineStart..<upto], as: UTF8.self).unicodeScalars.count : 0)
        return (line, column, expected)
    }
}
