import GHGCore

/// The rows of the summary table (`summary.csv`, the report's 汇总表) and their order, read from
/// `Templates/reports/summary-layout.csv`: data, not code, so that a province's own layout is a file edit.
///
/// Each row names a scope of the inventory and the category nodes whose rows it adds up, e.g. agriculture
/// `3.A 3.C`, or the total without LULUCF `TOTAL -3.B -3.D` (a leading `-` subtracts a node).
public struct SummaryLayout: Sendable {
    /// One row of the table.
    public struct Row: Sendable, Hashable {
        /// A stable id (`energy.combustion`), written in `summary.csv`'s `row` column.
        public var id: String
        /// Indentation level: 0 totals, 1 sectors and memo items, 2 and 3 sub-sectors.
        public var level: Int
        /// The Chinese name (能源活动).
        public var nameZH: String
        /// The English name.
        public var nameEN: String
        /// The inventory scope the row reads (`total`, `indirect`, `memo_biomass`, ...).
        public var scope: EmissionScope
        /// The nodes added (+1) or subtracted (-1).
        public var terms: [(node: InventoryNode, sign: Double)]
        /// Where the row is written.
        public var location: InputLocation

        /// Rows are equal when their ids, names, scope, terms and locations are.
        public static func == (a: Row, b: Row) -> Bool {
            a.id == b.id && a.level == b.level && a.nameZH == b.nameZH && a.nameEN == b.nameEN && a.scope == b.scope
                && a.terms.map(\.node) == b.terms.map(\.node) && a.terms.map(\.sign) == b.terms.map(\.sign)
                && a.location == b.location
        }

        /// Hashes the id and location.
        public func hash(into h: inout Hasher) { h.combine(id); h.combine(location) }
    }

    /// The rows in table order.
    public var rows: [Row]
    /// The file the layout was read from, as written in diagnostics.
    public var file: String

    /// The columns of a layout file.
    public static let columns = ["id", "level", "name_zh", "name_en", "scope", "categories"]

    /// Parses a layout file. Every bad row is reported with its location (unknown category codes, levels outside
    /// 0–3, duplicate ids, an empty term list) and left out.
    ///
    /// - Complexity: O(n) in the file's size.
    public static func parse(bytes: [UInt8], file: String, categories: CategoryTable,
                             diagnostics d: inout [Diagnostic]) -> SummaryLayout {
        var rows: [Row] = []
        var seen: [String: InputLocation] = [:]
        let table = Table(bytes: bytes, file: file, required: columns, optional: [], diagnostics: &d)
        for r in table.rows {
            guard let id = r.required("id", "a row id such as energy.combustion", into: &d),
                  let name = r.required("name_zh", "the row's Chinese name", into: &d),
                  let nameEN = r.required("name_en", "the row's English name", into: &d),
                  let scope = r.required("scope", "an inventory scope such as total or memo_biomass", into: &d),
                  let cats = r.required("categories", "category codes such as 3.A 3.C, or TOTAL", into: &d)
            else { continue }
            if let first = seen[id] {
                d.append(.error(.fileFormat, at: r.location("id"),
                    "duplicate row id '\(id)' (first at line \(first.line)); expected each id once"))
                continue
            }
            // Scopes the inventory writes (EmissionScope's reporting order); a typo would give a row that is always
            // empty.
            guard EmissionScope(rawValue: scope).rank < 99 else {
                d.append(.error(.fileFormat, at: r.location("scope"),
                    "unknown scope '\(scope)' in row '\(id)'; expected total, indirect, total_with_indirect, memo_biomass, "
                        + "memo_nonenergy, memo_international_bunkers, memo_multilateral_operations, reference_approach "
                        + "or blue_carbon_sequestration"))
                continue
            }
            guard let level = Int(r["level"]), (0...3).contains(level) else {
                d.append(.error(.fileFormat, at: r.location("level"),
                    "level '\(r["level"])'; expected 0 (totals), 1 (sectors, memo items), 2 or 3 (sub-sectors)"))
                continue
            }
            var terms: [(node: InventoryNode, sign: Double)] = []
            var bad = false
            for word in cats.split(separator: " ") {
                var text = Substring(word), sign = 1.0
                if text.hasPrefix("-") { sign = -1; text = text.dropFirst() }
                if text == "TOTAL" { terms.append((.total, sign)); continue }
                guard let code = CategoryCode(String(text)), categories[code] != nil else {
                    d.append(.error(.unknownCategory, at: r.location("categories"),
                        "unknown category '\(text)' in row '\(id)'; expected a code of categories.csv such as 1.A.1, "
                            + "or TOTAL, separated by spaces, with - to subtract"))
                    bad = true
                    continue
                }
                terms.append((.category(code), sign))
            }
            if bad { continue }
            seen[id] = r.location
            rows.append(Row(id: id, level: level, nameZH: name, nameEN: nameEN,
                            scope: EmissionScope(rawValue: scope), terms: terms, location: r.location))
        }
        return SummaryLayout(rows: rows, file: file)
    }
}
