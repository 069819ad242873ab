import Foundation

/// The encodings a Chinese statistics office's files come in, turned into the UTF-8 the readers parse.
///
/// Chinese Excel saves "CSV" in GB18030 (GBK), and "Unicode text" as UTF-16 with a byte-order mark, tab-separated.
/// Both are read: the bytes are converted to UTF-8 (and tab-separated text to comma-separated) once, when the file is
/// read, and the reader notes the encoding it found. A file that is valid UTF-8 (with or without a BOM) is used as
/// it is, without a copy.
enum InputEncoding {
    /// How a file was decoded.
    enum Found: Equatable, Sendable {
        /// GB18030 (a superset of GBK and GB2312), from Chinese Excel's "CSV".
        case gb18030
        /// UTF-16 with a byte-order mark, from Excel's "Unicode text"; `tabs` when it was tab-separated, `oddByte`
        /// when the file ended in half a code unit (dropped).
        case utf16(littleEndian: Bool, tabs: Bool, oddByte: Bool)

        /// The note the reader prints.
        var note: String {
            switch self {
            case .gb18030:
                return "read as GB18030 (GBK, Chinese Excel's CSV) and converted to UTF-8; saving as \"CSV UTF-8\" "
                    + "avoids the conversion"
            case let .utf16(le, tabs, odd):
                return "read as UTF-16 \(le ? "LE" : "BE") with a byte-order mark (Excel's \"Unicode text\")"
                    + (tabs ? ", tab-separated," : "") + " and converted to UTF-8"
                    + (odd ? "; its last byte, half a UTF-16 code unit, was dropped (a truncated file?)" : "")
            }
        }
    }

    /// How many bytes are checked for UTF-8 validity before a file is taken as UTF-8.
    static let probe = 1 << 20

    /// The UTF-8 text of `raw` when it is in another encoding this reader knows, with what was found; nil when
    /// `raw` is (as far as the first MiB shows) UTF-8 already, or in no known encoding (the reader then reports
    /// the invalid bytes where it meets them).
    static func utf8(_ raw: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], found: Found)? {
        if raw.count >= 2, (raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF) {
            let le = raw[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(raw.count / 2)
            var i = 2
            while i + 1 < raw.count {
                units.append(le ? UInt16(raw[i]) | UInt16(raw[i + 1]) << 8 : UInt16(raw[i]) << 8 | UInt16(raw[i + 1]))
                i += 2
            }
            let text = Array(String(decoding: units, as: UTF16.self).utf8)
            let firstLine = text.prefix { $0 != 0x0A }
            let tabs = firstLine.contains(0x09) && !firstLine.contains(0x2C)
            return (tabs ? commaSeparated(text) : text, .utf16(littleEndian: le, tabs: tabs, oddByte: raw.count % 2 == 1))
        }
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        let head = UnsafeBufferPointer(rebasing: raw[0..<min(raw.count, probe)])
        if isUTF8(head, truncatedAtEnd: raw.count > probe) { return nil }
        return gb18030(raw).map { ($0, .gb18030) }
    }

    /// Whether the bytes are valid UTF-8 (a sequence cut by the end of a probe counts as valid).
    static func isUTF8(_ b: UnsafeBufferPointer<UInt8>, truncatedAtEnd: Bool) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0
            guard len > 0, c < 0xF5 else { return false }
            if i + len > n { return truncatedAtEnd }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }

    /// GB18030 → UTF-8 with iconv; nil when the bytes are not GB18030 either.
    static func gb18030(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: raw.count * 2 + 16)
        var inLeft = raw.count, outLeft = out.count
        let ok: Bool = out.withUnsafeMutableBufferPointer { o in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: raw.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0
        }
        guard ok || raw.isEmpty else { return nil }
        out.removeLast(outLeft)
        return out
    }

    /// Tab-separated text (Excel's quoting: a field with a tab, quote or line break in double quotes) as
    /// comma-separated text, quoting each field that needs it.
    static func commaSeparated(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 8)
        var field: [UInt8] = []
        var inQuotes = false, quoted = false
        func flush() {
            if field.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for b in field {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out += field
            }
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        var i = 0
        while i < text.count {
            let b = text[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < text.count, text[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false
                } else {
                    field.append(b)
                }
            } else if b == 0x22 && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if b == 0x09 {
                flush()
                out.append(0x2C)
            } else if b == 0x0A || b == 0x0D {
                flush()
                out.append(b)
            } else {
                field.append(b)
            }
            i += 1
        }
        flush()
        return out
    }
}
