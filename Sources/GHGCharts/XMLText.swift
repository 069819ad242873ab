/// Escaping of caller text for XML element content and attribute values.
enum XMLText {
    /// Returns `text` safe for both element content and a double- or single-quoted attribute value.
    ///
    /// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`. Tabs and line breaks
    /// become spaces (a chart label is one line), and the characters XML 1.0 forbids (the other C0 controls,
    /// U+FFFE and U+FFFF) are dropped, so that any Swift string yields well-formed XML.
    ///
    /// - Complexity: O(n) in the length of `text`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
