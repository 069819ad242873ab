/// A column of an activity file.
public enum ActivityField: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case region, year, category, activity, item, value, unit, source, note, technology, facility, uncertainty

    /// The column name as written in the header.
    public var description: String {
        switch self {
        case .region: "region"
        case .year: "year"
        case .category: "category"
        case .activity: "activity"
        case .item: "item"
        case .value: "value"
        case .unit: "unit"
        case .source: "source"
        case .note: "note"
        case .technology: "technology"
        case .facility: "facility"
        case .uncertainty: "uncertainty"
        }
    }
}

/// Finds the line and column of a field of an activity row, for messages. Readers that do not keep columns for
/// every row (the columnar reader keeps only each row's byte offset) find them again when a message needs one.
public protocol ActivityColumnLocator: Sendable {
    /// Where `field` of `row` starts: lines after the row's first line (a quoted field may span lines) and the 1-based
    /// column; nil when unknown.
    func locate(row: Int, field: ActivityField) -> (lineOffset: Int, column: Int)?
}

/// The activity rows of a project, column by column (DESIGN §6 "Reading is columnar").
///
/// Text columns are interned: a row holds small integer ids into ``symbols``, so 3.6 million rows cost about 60
/// bytes each, and methods plan once per distinct combination of ids rather than once per row. Rows are in file
/// order, files in the order they were read (sorted by name), so a row's index orders rows by location.
public struct ActivityTable: Sendable {
    /// The interned values of the text columns.
    public struct Symbols: Sendable {
        /// Activity files, relative to the project (`activity/energy.csv`).
        public var files: [String] = []
        /// Region codes.
        public var regions: [String] = []
        /// Category codes.
        public var categories: [CategoryCode] = []
        /// Activity kinds.
        public var activities: [ActivityKind] = []
        /// Items.
        public var items: [String] = []
        /// Technologies.
        public var technologies: [String] = []
        /// Units as parsed.
        public var units: [MeasurementUnit] = []
        /// Sources and notes.
        public var texts: [String] = []
        /// Creates empty symbol tables.
        public init() {}
    }

    /// The symbol tables.
    public var symbols = Symbols()
    /// Index into `symbols.files`.
    public var file: [Int32] = []
    /// 1-based line where the row starts.
    public var line: [Int32] = []
    /// Index into `symbols.regions`.
    public var region: [Int32] = []
    /// The year.
    public var year: [Int32] = []
    /// Index into `symbols.categories`.
    public var category: [Int32] = []
    /// Index into `symbols.activities`.
    public var activity: [Int32] = []
    /// Index into `symbols.items`.
    public var item: [Int32] = []
    /// Index into `symbols.technologies`, or -1 when the row names none.
    public var technology: [Int32] = []
    /// Index into `symbols.texts` of the row's facility (企业名称), -1 for none; empty when no file has the column.
    /// Rows that differ only in their facility are two enterprises and both count.
    public var facility: [Int32] = []
    /// The row's uncertainty, ± % at the 95 % level (the optional `uncertainty` column; for Approach 1 and Monte
    /// Carlo), NaN for none; empty when no file has the column.
    public var uncertainty: [Double] = []
    /// The value as given, in the row's unit (0 for notation-key rows).
    public var value: [Double] = []
    /// 0 for a value, else 1 + the index of the notation key in `NotationKey.allCases`.
    public var notation: [UInt8] = []
    /// Index into `symbols.units`, or -1 (a notation-key row without a unit).
    public var unit: [Int32] = []
    /// Index into `symbols.texts`.
    public var source: [Int32] = []
    /// Index into `symbols.texts`.
    public var note: [Int32] = []
    /// Finds field columns for messages.
    public var locator: (any ActivityColumnLocator)?

    /// Creates an empty table.
    public init() {}

    /// The number of rows.
    @inlinable public var count: Int { file.count }

    /// The row's value in the base units of its unit's dimension (0 for notation-key rows).
    @inlinable public func baseValue(_ row: Int) -> Double {
        let u = unit[row]
        return u < 0 ? 0 : value[row] * symbols.units[Int(u)].scale
    }

    /// The row's unit, if it has one.
    public func unitOf(_ row: Int) -> MeasurementUnit? { unit[row] < 0 ? nil : symbols.units[Int(unit[row])] }
    /// The row's region code.
    public func regionOf(_ row: Int) -> String { symbols.regions[Int(region[row])] }
    /// The row's category.
    public func categoryOf(_ row: Int) -> CategoryCode { symbols.categories[Int(category[row])] }
    /// The row's activity kind.
    public func activityOf(_ row: Int) -> ActivityKind { symbols.activities[Int(activity[row])] }
    /// The row's item.
    public func itemOf(_ row: Int) -> String { symbols.items[Int(item[row])] }
    /// The row's stated uncertainty (± % at 95 %), if its file has the column and the row gives one.
    public func uncertaintyOf(_ row: Int) -> Double? {
        uncertainty.isEmpty || uncertainty[row].isNaN ? nil : uncertainty[row]
    }

    /// The row's facility, if its file has the column and the row names one.
    public func facilityOf(_ row: Int) -> String? {
        facility.isEmpty || facility[row] < 0 ? nil : symbols.texts[Int(facility[row])]
    }

    /// The row's technology, if it names one.
    public func technologyOf(_ row: Int) -> String? {
        technology[row] < 0 ? nil : symbols.technologies[Int(technology[row])]
    }
    /// The row's source.
    public func sourceOf(_ row: Int) -> String { symbols.texts[Int(source[row])] }
    /// The row's note.
    public func noteOf(_ row: Int) -> String { symbols.texts[Int(note[row])] }
    /// The row's notation key, if it carries one instead of a value.
    public func notationOf(_ row: Int) -> NotationKey? {
        notation[row] == 0 ? nil : NotationKey.allCases[Int(notation[row]) - 1]
    }

    /// Where the row is (`activity/energy.csv:12`).
    public func location(_ row: Int) -> InputLocation {
        InputLocation(file: symbols.files[Int(file[row])], line: Int(line[row]))
    }

    /// Where a field of the row is (`activity/energy.csv:12:34`); the row's location when the column is unknown.
    public func location(_ row: Int, _ field: ActivityField) -> InputLocation {
        var l = location(row)
        if let (offset, column) = locator?.locate(row: row, field: field) {
            l.line += offset
            l.column = column
        }
        return l
    }

    /// The row's value as given, with its unit, and converted to base units: `93.69 万吨 = 936900 t`.
    public func shownValue(_ row: Int) -> String {
        guard let u = unitOf(row) else { return notationOf(row)?.rawValue ?? "" }
        return "\(DecimalFormat.string(value[row])) \(u.symbol) = \(DecimalFormat.string(baseValue(row))) \(u.baseSymbol)"
    }
}

extension ActivityTable {
    /// Builds a table row by row: for tests, for small in-code projects, and for readers that do not intern
    /// themselves. Columns of every field are taken to be those of the standard header order unless given.
    public struct Builder: Sendable {
        private var table = ActivityTable()
        private var ids: [String: Int32] = [:]
        private var columns: [[Int]] = []

        /// Creates an empty builder.
        public init() {}

        private mutating func intern(_ kind: String, _ text: String, _ add: (inout Symbols) -> Int) -> Int32 {
            let key = kind + "\u{1F}" + text
            if let id = ids[key] { return id }
            let id = Int32(add(&table.symbols))
            ids[key] = id
            return id
        }

        /// Appends a row; `columns` maps fields to their 1-based columns (default: the standard header order).
        public mutating func append(file: String = "activity/energy.csv", line: Int, region: String, year: Int,
                                    category: CategoryCode, activity: ActivityKind, item: String,
                                    technology: String? = nil, value: Double, unit: MeasurementUnit?,
                                    notation: NotationKey? = nil, source: String = "", note: String = "",
                                    columns: [ActivityField: Int]? = nil) {
            table.file.append(intern("file", file) { $0.files.append(file); return $0.files.count - 1 })
            table.line.append(Int32(line))
            table.region.append(intern("region", region) { $0.regions.append(region); return $0.regions.count - 1 })
            table.year.append(Int32(year))
            table.category.append(intern("category", category.description) {
                $0.categories.append(category); return $0.categories.count - 1
            })
            table.activity.append(intern("activity", activity.rawValue) {
                $0.activities.append(activity); return $0.activities.count - 1
            })
            table.item.append(intern("item", item) { $0.items.append(item); return $0.items.count - 1 })
            if let technology {
                table.technology.append(intern("technology", technology) {
                    $0.technologies.append(technology); return $0.technologies.count - 1
                })
            } else {
                table.technology.append(-1)
            }
            table.value.append(notation == nil ? value : 0)
            table.notation.append(notation.map { UInt8(NotationKey.allCases.firstIndex(of: $0)! + 1) } ?? 0)
            if let unit {
                table.unit.append(intern("unit", unit.symbol) { $0.units.append(unit); return $0.units.count - 1 })
            } else {
                table.unit.append(-1)
            }
            table.source.append(intern("text", source) { $0.texts.append(source); return $0.texts.count - 1 })
            table.note.append(intern("text", note) { $0.texts.append(note); return $0.texts.count - 1 })
            let standard: [ActivityField: Int] = [.region: 1, .year: 2, .category: 3, .activity: 4, .item: 5, .value: 6,
                                                  .unit: 7, .source: 8, .note: 9, .technology: 10]
            let c = columns ?? standard
            self.columns.append(ActivityField.allCases.map { c[$0] ?? 0 })
        }

        /// The table; its locator answers with the columns given when the rows were appended.
        public func build() -> ActivityTable {
            var t = table
            t.locator = FixedColumns(columns: columns)
            return t
        }

        private struct FixedColumns: ActivityColumnLocator {
            let columns: [[Int]]
            func locate(row: Int, field: ActivityField) -> (lineOffset: Int, column: Int)? {
                let c = columns[row][field.rawValue]
                return c == 0 ? nil : (0, c)
            }
        }
    }
}
