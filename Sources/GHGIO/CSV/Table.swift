import GHGCore

/// A CSV file read against a declared set of columns: the header is checked, rows of the wrong width are reported,
/// and each row gives typed, located access to its fields.
struct Table {
    /// One row: named access to fields and their locations.
    struct Row {
        let file: String
        let record: CSVRecord
        let index: [String: Int]

        var line: Int { record.line }
        var location: InputLocation { InputLocation(file: file, line: record.line) }

        /// The trimmed field, or "" when the column is absent.
        subscript(_ name: String) -> String {
            guard let i = index[name], i < record.fields.count else { return "" }
            return record.fields[i].trimmingSpaces
        }

        /// The field's location.
        func location(_ name: String) -> InputLocation {
            guard let i = index[name], i < record.columns.count else { return location }
            return InputLocation(file: file, line: record.lines[i], column: record.columns[i])
        }

        /// 1-based columns by name, for records that keep them.
        var columnMap: [String: Int] {
            var m: [String: Int] = [:]
            for (name, i) in index where i < record.columns.count { m[name] = record.columns[i] }
            return m
        }

        /// A required non-empty field, or an error.
        func required(_ name: String, _ what: String, into d: inout [Diagnostic]) -> String? {
            let v = self[name]
            if v.isEmpty {
                d.append(.error(.emptyField, at: location(name), "empty '\(name)'; expected \(what)"))
                return nil
            }
            return v
        }

        /// A finite decimal number, or an error quoting the field.
        func number(_ name: String, _ what: String = "a decimal number", optional: Bool = false,
                    into d: inout [Diagnostic]) -> Double?? {
            let v = self[name]
            if v.isEmpty {
                if optional { return .some(nil) }
                d.append(.error(.emptyField, at: location(name), "empty '\(name)'; expected \(what)"))
                return nil
            }
            guard let x = NumberParser.parse(v) else {
                d.append(.error(.malformedNumber, at: location(name),
                    "malformed number '\(v)' in '\(name)'; expected \(what) such as 1234.5 or 1.1E-03"))
                return nil
            }
            return .some(x)
        }

        /// An integer year, or an error quoting the field.
        func year(_ name: String, optional: Bool = false, into d: inout [Diagnostic]) -> Int?? {
            let v = self[name]
            if v.isEmpty {
                if optional { return .some(nil) }
                d.append(.error(.emptyField, at: location(name), "empty '\(name)'; expected a year such as 2020"))
                return nil
            }
            guard let y = Int(v), ProjectConfig.yearRange.contains(y) else {
                d.append(.error(.malformedNumber, at: location(name),
                    "malformed year '\(v)' in '\(name)'; expected a year between 1900 and 2100 such as 2020"))
                return nil
            }
            return .some(y)
        }

        /// A unit, or an error quoting it.
        func unit(_ name: String, into d: inout [Diagnostic]) -> GHGCore.MeasurementUnit? {
            let v = self[name]
            do { return try UnitRegistry.parse(v) } catch {
                d.append(.error(v.isEmpty ? .emptyField : .unknownUnit, at: location(name),
                                v.isEmpty ? "empty '\(name)'; expected a unit such as t, 万吨 or GJ/t" : error.description))
                return nil
            }
        }
    }

    let file: String
    let header: [String]
    let rows: [Row]
    /// Every data record of the file (after the header), usable or not: rows with CSV errors and rows of the wrong
    /// width count too, so that a reader can say how many rows it read, used and rejected.
    let recordCount: Int

    /// Reads a CSV whose header must contain `required` and may contain `optional` columns.
    ///
    /// Unknown columns, missing required columns and rows whose width differs from the header are reported.
    init(bytes: [UInt8], file: String, required: [String], optional: [String] = [],
         diagnostics: inout [Diagnostic]) {
        self.file = file
        let (records, d, rejected) = CSVReader.parseCounting(bytes, file: file)
        diagnostics += d
        recordCount = max(records.count - 1, 0) + rejected
        guard let head = records.first else {
            diagnostics.append(.error(.header, at: InputLocation(file: file, line: 1),
                "empty file; expected a header row: \(required.joined(separator: ","))"))
            header = []
            rows = []
            return
        }
        header = head.fields.map { $0.trimmingSpaces }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let loc = InputLocation(file: file, line: head.line, column: head.columns[i])
            if index[name] != nil {
                diagnostics.append(.error(.header, at: loc, "column '\(name)' appears twice in the header"))
            } else if !required.contains(name) && !optional.contains(name) {
                diagnostics.append(.error(.header, at: loc,
                    "unknown column '\(name)'; expected the columns " + (required + optional).joined(separator: ",")))
            }
            index[name] = index[name] ?? i
        }
        let missing = required.filter { index[$0] == nil }
        if !missing.isEmpty {
            diagnostics.append(.error(.header, at: InputLocation(file: file, line: head.line),
                "missing column\(missing.count > 1 ? "s" : "") " + missing.map { "'\($0)'" }.joined(separator: ", ")
                    + "; expected a header with " + required.joined(separator: ",")))
            rows = []
            return
        }
        var out: [Row] = []
        for r in records.dropFirst() {
            if r.fields.count != header.count {
                diagnostics.append(.error(.columnCount, at: InputLocation(file: file, line: r.line),
                    "row has \(r.fields.count) field\(r.fields.count == 1 ? "" : "s"); expected \(header.count) "
                        + "(\(header.joined(separator: ",")))"))
                continue
            }
            out.append(Row(file: file, record: r, index: index))
        }
        rows = out
    }
}

/// Parses decimal numbers as written in statistical tables: digits, one point, an optional sign and an optional
/// exponent (`1.1E-03`). Thousands separators, hexadecimal, `nan` and `inf` are rejected.
public enum NumberParser {
    /// The value, or nil when the text is not a finite decimal number.
    public static func parse(_ text: String) -> Double? { FastDecimal.parse(text) }
}
