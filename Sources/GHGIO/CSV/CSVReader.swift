import GHGCore

/// One record of a CSV file: its fields, the line it starts on and the column each field starts at.
public struct CSVRecord: Hashable, Sendable {
    /// Creates a record.
    public init(line: Int, fields: [String], columns: [Int], lines: [Int]? = nil) {
        self.line = line
        self.fields = fields
        self.columns = columns
        self.lines = lines ?? Array(repeating: line, count: fields.count)
    }

    /// 1-based line number of the record's first byte (a quoted field may continue on later lines).
    public var line: Int
    /// The fields, decoded as UTF-8, quotes removed.
    public var fields: [String]
    /// 1-based column (in Unicode scalars) where each field starts.
    public var columns: [Int]
    /// 1-based line where each field starts (differs from `line` after a quoted field with an embedded newline).
    public var lines: [Int]
}

/// A byte-level CSV reader (RFC 4180): quoted fields with `""` escapes and embedded newlines, a UTF-8 byte-order mark,
/// CRLF or LF line ends.
///
/// It reports malformed quoting and invalid UTF-8 with `file:line:column`, and keeps reading, so that every bad row
/// of a file is reported in one run. Lines with no bytes, or only empty fields, are layout and are skipped.
public enum CSVReader {
    /// Parses a whole file.
    ///
    /// - Complexity: O(n) in the number of bytes.
    public static func parse(_ bytes: [UInt8], file: String) -> (records: [CSVRecord], diagnostics: [Diagnostic]) {
        let r = parseCounting(bytes, file: file)
        return (r.records, r.diagnostics)
    }

    /// Parses a whole file and also counts the records dropped because of quoting or encoding errors, so that a
    /// reader can account for every row.
    public static func parseCounting(_ bytes: [UInt8], file: String)
        -> (records: [CSVRecord], diagnostics: [Diagnostic], rejected: Int)
    {
        var records: [CSVRecord] = []
        var rejected = 0
        var diagnostics: [Diagnostic] = []
        var i = 0
        let n = bytes.count
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        var line = 1
        var column = 1  // column of the next byte, in scalars
        var fields: [String] = []
        var columns: [Int] = []
        var fieldLines: [Int] = []
        var field: [UInt8] = []
        var fieldColumn = 1
        var fieldLine = 1
        var recordLine = 1
        var recordBad = false

        func decode(_ b: [UInt8], at col: Int) -> String {
            if let s = String(validating: b, as: UTF8.self) { return s }
            diagnostics.append(.error(.fileFormat, at: InputLocation(file: file, line: fieldLine, column: col),
                "field is not valid UTF-8; expected the file to be saved as UTF-8 (not GBK/GB18030)"))
            recordBad = true
            return String(decoding: b, as: UTF8.self)
        }
        func endField() {
            fields.append(decode(field, at: fieldColumn))
            columns.append(fieldColumn)
            fieldLines.append(fieldLine)
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if !(fields.allSatisfy { $0.isEmpty }) {
                if recordBad {
                    rejected += 1
                } else {
                    records.append(CSVRecord(line: recordLine, fields: fields, columns: columns, lines: fieldLines))
                }
            }
            fields.removeAll(keepingCapacity: true)
            columns.removeAll(keepingCapacity: true)
            fieldLines.removeAll(keepingCapacity: true)
            recordBad = false
        }
        func advance(_ b: UInt8) {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }

        var atFieldStart = true
        recordLine = line
        fieldColumn = column
        fieldLine = line
        while i < n {
            let b = bytes[i]
            if atFieldStart && b == 0x22 {  // opening quote
                let startLine = line, startColumn = column
                advance(b); i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == 0x22 {
                        if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); advance(c); advance(c); i += 2; continue }
                        advance(c); i += 1; closed = true; break
                    }
                    field.append(c); advance(c); i += 1
                }
                if !closed {
                    diagnostics.append(.error(.fileFormat,
                        at: InputLocation(file: file, line: startLine, column: startColumn),
                        "quoted field is never closed; expected a closing '\"' before the end of the file"))
                    recordBad = true
                }
                // After the closing quote: a separator, a line end or the end of file.
                if i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    diagnostics.append(.error(.fileFormat, at: InputLocation(file: file, line: line, column: column),
                        "unexpected text after a closing quote; expected ',' or the end of the line"))
                    recordBad = true
                    while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A { advance(bytes[i]); i += 1 }
                }
                atFieldStart = false
                continue
            }
            switch b {
            case 0x2C:
                endField()
                advance(b); i += 1
                fieldColumn = column
                fieldLine = line
                atFieldStart = true
            case 0x0D where i + 1 < n && bytes[i + 1] == 0x0A:
                i += 1  // CR of CRLF: the LF ends the record
            case 0x0A, 0x0D:
                endRecord()
                if b == 0x0D { line += 1; column = 1 } else { advance(b) }
                i += 1
                recordLine = line
                fieldColumn = column
                fieldLine = line
                atFieldStart = true
            default:
                if b == 0x22 {
                    diagnostics.append(.error(.fileFormat, at: InputLocation(file: file, line: line, column: column),
                        "unexpected '\"' inside an unquoted field; expected the whole field in quotes with '\"\"' "
                            + "for a quote"))
                    recordBad = true
                }
                field.append(b); advance(b); i += 1
                atFieldStart = false
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return (records, diagnostics, rejected)
    }
}

/// Writes RFC 4180 CSV: fields quoted only when they contain a comma, quote, CR or LF; LF line ends; UTF-8, no BOM.
public struct CSVWriter: Sendable {
    /// The text written so far.
    public private(set) var text = ""

    /// Creates a writer with a header row.
    public init(header: [String]) { row(header) }

    /// Appends a row.
    public mutating func row(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\n"
    }

    /// A field, quoted when needed, and made inert for spreadsheets: a text that begins with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return (`=HYPERLINK("x")`, `@SUM(A1)`) gets a leading apostrophe, so that no spreadsheet
    /// evaluates it as a formula (OWASP, "CSV Injection"). Numbers (`-12.5`, `1e-05`, `-inf`) are left as they are.
    ///
    /// - Complexity: O(n) in the field's length.
    public static func escape(_ field: String) -> String {
        var bytes = field
        return bytes.withUTF8 { u in
            let (prefix, quote) = escaping(u)
            guard prefix || quote else { return field }
            var out: [UInt8] = []
            out.reserveCapacity(u.count + 8)
            appendEscaped(u, prefix: prefix, quote: quote) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// What ``escape(_:)`` does to a field's UTF-8 bytes: whether it gets the apostrophe, whether it is quoted.
    /// Byte-level is exact: the bytes looked for (`=`, `+`, `-`, `@`, tab, CR, comma, quote, LF) are ASCII and
    /// never occur inside a multi-byte UTF-8 sequence.
    @inline(__always)
    static func escaping(_ u: UnsafeBufferPointer<UInt8>) -> (prefix: Bool, quote: Bool) {
        var prefix = false
        if let first = u.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40
            || first == 0x09 || first == 0x0D {
            prefix = !isNumber(u)
        }
        var quote = false
        for b in u where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            quote = true
            break
        }
        return (prefix, quote)
    }

    /// Emits the escaped bytes of a field: the opening quote, the apostrophe, the bytes with every quote doubled,
    /// the closing quote.
    @inline(__always)
    static func appendEscaped(_ u: UnsafeBufferPointer<UInt8>, prefix: Bool, quote: Bool, _ emit: (UInt8) -> Void) {
        if quote { emit(0x22) }
        if prefix { emit(0x27) }
        for b in u {
            emit(b)
            if b == 0x22 { emit(0x22) }
        }
        if quote { emit(0x22) }
    }

    /// Whether a field is a number as the writers format them: an optional `-`, digits, an optional fraction and
    /// exponent (`-12.5`, `1.5e-05`), or `-inf`.
    static func isNumber(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isNumber($0) }
    }

    /// Whether UTF-8 bytes are a number as the writers format them (the same rule as for a string).
    static func isNumber(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < u.count && u[i] == 0x2D { i += 1 }
        if u.count - i == 3 && u[i] == 0x69 && u[i + 1] == 0x6E && u[i + 2] == 0x66 { return i == 1 }  // -inf
        func digits() -> Int {
            let from = i
            while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 { i += 1 }
            return i - from
        }
        guard digits() > 0 else { return false }
        if i < u.count && u[i] == 0x2E { i += 1; guard digits() > 0 else { return false } }
        if i < u.count && (u[i] == 0x65 || u[i] == 0x45) {
            i += 1
            if i < u.count && (u[i] == 0x2B || u[i] == 0x2D) { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == u.count
    }
}
