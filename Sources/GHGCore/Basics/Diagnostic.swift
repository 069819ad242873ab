/// A place in an input file: `path:line:column`, 1-based.
///
/// `column` counts Unicode scalars from the start of the line (a UTF-8 byte-order mark is not counted), so it matches
/// what an editor shows for the CJK text common in Chinese statistical files. A column of 0 means "the whole line".
public struct InputLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The file, relative to the project folder or the factor library.
    public var file: String
    /// The 1-based line number; 0 when the problem concerns the file as a whole.
    public var line: Int
    /// The 1-based column; 0 when the problem concerns a whole line.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, `file:line` or `file`, as compilers print it.
    public var description: String {
        if line == 0 { return file }
        if column == 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// Orders by file, then line, then column.
    public static func < (a: InputLocation, b: InputLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// How bad a diagnostic is. Errors stop an inventory from being written; warnings do not.
public enum Severity: String, Hashable, Comparable, Sendable {
    /// The input cannot be used as it is.
    case error
    /// The input is used, but a reviewer should look at it.
    case warning

    /// Errors sort before warnings.
    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// A stable, machine-readable identifier for a kind of problem (`unknown-unit`, `missing-factor`, ...).
///
/// An open set, like `Errno` in swift-system: the known codes are static members, and a new one needs no enum case.
public struct DiagnosticCode: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code as printed.
    public var rawValue: String
    /// Creates a code.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a code.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The code as printed.
    public var description: String { rawValue }
    /// Orders codes alphabetically.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// A unit spelling the registry does not know.
    public static let unknownUnit = Self("unknown-unit")
    /// A unit of a dimension the method or parameter cannot use.
    public static let unitDimension = Self("unit-dimension")
    /// An activity kind no method handles.
    public static let unknownActivity = Self("unknown-activity")
    /// An item that no items table defines.
    public static let unknownItem = Self("unknown-item")
    /// An item of the wrong kind for the activity (a fuel where a gas is expected, ...).
    public static let itemKind = Self("item-kind")
    /// A category code that is not in `categories.csv`.
    public static let unknownCategory = Self("unknown-category")
    /// A category the activity's method cannot report under.
    public static let categoryMismatch = Self("category-mismatch")
    /// No factor row matched a lookup.
    public static let missingFactor = Self("missing-factor")
    /// Two equally specific factor rows matched a lookup.
    public static let ambiguousFactor = Self("ambiguous-factor")
    /// A field that should be a number is not.
    public static let malformedNumber = Self("malformed-number")
    /// A row with the wrong number of fields.
    public static let columnCount = Self("column-count")
    /// A header that lacks a required column or has an unknown one.
    public static let header = Self("header")
    /// A row that repeats the key of an earlier row.
    public static let duplicateRow = Self("duplicate-row")
    /// A negative amount where only non-negative ones make sense.
    public static let negativeValue = Self("negative-value")
    /// A year that is not one of the project's inventory years.
    public static let yearOutsideProject = Self("year-outside-project")
    /// A region code not in `regions.csv`.
    public static let unknownRegion = Self("unknown-region")
    /// A required field left empty.
    public static let emptyField = Self("empty-field")
    /// A notation key (NO, NE, NA, IE, C) that is misused or lacks its explanation.
    public static let notationKey = Self("notation-key")
    /// A malformed or inconsistent project manifest.
    public static let projectFile = Self("project-file")
    /// A file that cannot be read or is not valid UTF-8 / CSV.
    public static let fileFormat = Self("file-format")
    /// A malformed factor set.
    public static let factorSet = Self("factor-set")
    /// A gas that the chosen GWP set has no value for.
    public static let missingGWP = Self("missing-gwp")
    /// A gas name that is not known.
    public static let unknownGas = Self("unknown-gas")
    /// A target's indicator key that neither the catalogue nor the project defines.
    public static let unknownIndicator = Self("unknown-indicator")
    /// A target's base year that can have no data (not an inventory year).
    public static let baseYearWithoutData = Self("base-year-without-data")
    /// An intensity that is zero or negative, so no decline is computed against it.
    public static let nonPositiveIntensity = Self("non-positive-intensity")
    /// An input that nothing reads.
    public static let unusedInput = Self("unused-input")
    /// A series (a disposal history) with years missing between its first and last row.
    public static let seriesGap = Self("series-gap")
    /// Something subtracted from a category (recovered CH4, sludge) exceeds what the category generates.
    public static let exceedsGeneration = Self("exceeds-generation")
    /// A wastewater load whose basis (BOD, COD, N) differs from the basis of its factor or its unit.
    public static let loadBasis = Self("load-basis")
    /// A region's own totals differ from the sum of its sub-regions beyond the tolerance.
    public static let rollupResidual = Self("rollup-residual")
    /// The reference approach differs from the sectoral approach, or has nothing to compare with.
    public static let referenceVsSectoral = Self("reference-vs-sectoral")
    /// Output suppressed after too many diagnostics.
    public static let tooManyDiagnostics = Self("too-many-diagnostics")
    /// A factor for a year more than three years from the inventory year it is used for.
    public static let factorYear = Self("factor-year")
    /// An item with calibers (oilfield or gasfield natural gas) without one chosen, or a caliber the stack lacks.
    public static let caliber = Self("caliber")
    /// An activity booked to a category that is too coarse for its factors (liquid fuels under 1.A.4.c).
    public static let coarseCategory = Self("coarse-category")
    /// A category or total that changes from the year before by more than the project's threshold (a check).
    public static let yearOnYear = Self("year-on-year")
    /// A category with neither an estimate nor a notation key (a check).
    public static let completeness = Self("completeness")
    /// An implied emission factor (emissions ÷ activity) outside the range a factor row states (a check).
    public static let impliedFactor = Self("implied-factor")
    /// Two rows of one activity and item whose categories overlap (1.A.2 and 1.A.2.a), both counted (a check).
    public static let overlappingRows = Self("overlapping-rows")
    /// A measured total and a calculated value for the same category, both counted by a subset note (a check).
    public static let measuredAndCalculated = Self("measured-and-calculated")
    /// A fossil fuel row whose note names a biomass fuel (a check).
    public static let biomassAsFossil = Self("biomass-as-fossil")
}

/// One problem found in the input, located and explained.
///
/// The message quotes the offending value and says what was expected, in the manner of swift-argument-parser's
/// `MessageInfo`: "unknown unit '万顿'; expected a unit such as 万吨, t, 10^4 m3, 万千瓦时 (see `ghg units`)".
public struct Diagnostic: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Error or warning.
    public var severity: Severity
    /// The stable identifier of the kind of problem.
    public var code: DiagnosticCode
    /// Where the problem is.
    public var location: InputLocation
    /// A sentence that quotes the bad value and says what was expected.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: DiagnosticCode, at location: InputLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// Creates an error.
    public static func error(_ code: DiagnosticCode, at location: InputLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, code, at: location, message)
    }

    /// Creates a warning.
    public static func warning(_ code: DiagnosticCode, at location: InputLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message)
    }

    /// `path:line:column: error: message [code]`, the format compilers and editors understand, on one line: control
    /// characters a quoted value carries (a newline inside a field, a tab) are shown escaped (`\n`, `\t`, `\u{1B}`).
    public var description: String {
        "\(location): \(severity.rawValue): \(Self.escaped(message)) [\(code.rawValue)]"
    }

    /// `text` with control characters escaped.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            switch u.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F:
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\u{" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// The pipeline stage of a file: the project file, regions, factor sets (shipped and the project's), activity,
    /// socio-economic data, targets, then anything else. Diagnostics sort by stage first, so that a cause (a broken
    /// `regions.csv`, a `set.json`) is printed before its consequences in the rows.
    public static func stage(ofFile file: String) -> Int {
        switch file {
        case "ghg-project.json": 0
        case "regions.csv": 1
        case "socioeconomic.csv": 4
        case "targets.csv": 5
        default:
            file.hasPrefix("EmissionFactors") || file.hasPrefix("factors/") || file == "factors" ? 2
                : file.hasPrefix("activity") ? 3 : 6
        }
    }

    /// Stage, then location, severity, code and message.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        let sa = stage(ofFile: a.location.file), sb = stage(ofFile: b.location.file)
        if sa != sb { return sa < sb }
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}

/// Collects diagnostics, keeping at most `limit` of them and counting the rest.
public struct DiagnosticLog: Sendable {
    /// The diagnostics kept, in the order they were reported.
    public private(set) var diagnostics: [Diagnostic] = []
    /// How many diagnostics were reported but not kept because the limit was reached.
    public private(set) var dropped = 0
    /// How many errors were reported (kept or not).
    public private(set) var errorCount = 0
    /// How many warnings were reported (kept or not).
    public private(set) var warningCount = 0
    /// The largest number of diagnostics kept.
    public let limit: Int

    /// Creates an empty log that keeps at most `limit` diagnostics.
    public init(limit: Int = 1000) { self.limit = limit }

    /// Records a diagnostic.
    public mutating func report(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errorCount += 1 } else { warningCount += 1 }
        if diagnostics.count < limit { diagnostics.append(diagnostic) } else { dropped += 1 }
    }

    /// Whether the next diagnostic would only be counted, not kept (callers skip building its message).
    public var isFull: Bool { diagnostics.count >= limit }

    /// Counts a diagnostic that is not kept (the log is full).
    public mutating func count(_ severity: Severity) {
        if severity == .error { errorCount += 1 } else { warningCount += 1 }
        dropped += 1
    }

    /// Records several diagnostics.
    public mutating func report<S: Sequence>(contentsOf list: S) where S.Element == Diagnostic {
        for d in list { report(d) }
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { errorCount > 0 }

    /// The kept diagnostics sorted by location, for printing.
    public var sorted: [Diagnostic] { diagnostics.sorted() }
}

/// Indexes rows by a key, keeping the first row of each key and reporting every later one as a `duplicate-row` error
/// that names the first row's location. The one place where "two rows with the same key" is decided for the
/// reference tables (categories, items, regions).
///
/// - Parameter what: how the message names a row's key (`"category '1.A'"`).
func uniqueIndex<Key: Hashable, Row>(_ rows: [Row], key: (Row) -> Key, location: (Row) -> InputLocation,
                                     what: (Row) -> String, diagnostics: inout DiagnosticLog) -> [Key: Row] {
    var index: [Key: Row] = [:]
    for row in rows {
        if let first = index[key(row)] {
            diagnostics.report(.error(.duplicateRow, at: location(row),
                "\(what(row)) is already defined at \(location(first))"))
            continue
        }
        index[key(row)] = row
    }
    return index
}
