/// Estimated text widths for layout (there are no font metrics without a renderer), wrapping and truncation.
enum TextMetrics {
    /// The estimated advance of `text` in pixels at `fontSize`: a full em for CJK and other wide characters,
    /// 0.6 em for everything else.
    ///
    /// - Complexity: O(n) in the length of `text`.
    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += isWide(scalar) ? 1.0 : 0.6
        }
        return ems * fontSize
    }

    /// Returns `text` cut to fit `maxWidth`, ending in "…" when cut.
    ///
    /// - Complexity: O(n) in the length of `text`.
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        let ellipsis = 0.6 * fontSize
        var out = ""
        var used = 0.0
        for character in text {
            let advance = width(String(character), fontSize: fontSize)
            if used + advance + ellipsis > maxWidth { break }
            out.append(character)
            used += advance
        }
        while out.last == " " { out.removeLast() }
        return out + "…"
    }

    /// Splits `text` at spaces into at most `maxLines` lines of at most `maxWidth`; the last line is truncated
    /// when the rest does not fit, and `truncated` says so.
    ///
    /// - Complexity: O(n) in the length of `text`.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> (lines: [String], truncated: Bool) {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || width(candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        let limit = max(maxLines, 1)
        if lines.count > limit {
            lines = Array(lines[..<(limit - 1)]) + [lines[(limit - 1)...].joined(separator: " ")]
        }
        var truncated = false
        for index in lines.indices {
            let fitted = truncate(lines[index], maxWidth: maxWidth, fontSize: fontSize)
            if fitted != lines[index] {
                lines[index] = fitted
                truncated = true
            }
        }
        return (lines, truncated)
    }

    /// Whether a scalar is drawn about one em wide (CJK ideographs, kana, hangul, full-width forms).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
