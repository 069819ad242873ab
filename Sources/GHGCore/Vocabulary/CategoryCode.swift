/// A parsed IPCC 2006 category code such as `1.A.1.a.i` (Vol.1 Ch.8 Table 8.2), or a non-IPCC reporting code such as
/// `IND.1` (indirect emissions from net imported electricity).
///
/// Codes order segment by segment: numbers numerically, the fifth segment of an IPCC code (a lower-case roman numeral)
/// by value, everything else alphabetically, and a parent before its children. So `1.A.1.a.ix` sorts before
/// `1.A.1.a.x`, and `1.A.10` (were it to exist) after `1.A.9`.
public struct CategoryCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The dot-separated segments.
    public let segments: [String]

    /// Parses a code; nil when it is empty or has an empty segment (`1..A`).
    public init?(_ text: String) {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { return nil }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else { return nil }
        segments = parts
    }

    private init(segments: [String]) { self.segments = segments }

    /// The code as written with dots.
    public var description: String { segments.joined(separator: ".") }

    /// The number of segments: 1 for a sector, 2 for `1.A`, ...
    public var depth: Int { segments.count }

    /// The code without its last segment; nil for a top-level code.
    public var parent: CategoryCode? {
        segments.count > 1 ? CategoryCode(segments: Array(segments.dropLast())) : nil
    }

    /// The code and all its ancestors, from the top level down to the code itself.
    public var lineage: [CategoryCode] {
        (1...segments.count).map { CategoryCode(segments: Array(segments.prefix($0))) }
    }

    /// The top-level segment (`1` for energy, `IND` for indirect emissions).
    public var sector: String { segments[0] }

    /// The land sector, LULUCF: 3.B (land) and 3.D (other, harvested wood products). The net total includes it,
    /// the gross total, key categories "without LULUCF" and the sector measures of Monte Carlo do not.
    public static let lulucf = [CategoryCode("3.B")!, CategoryCode("3.D")!]

    /// Whether the category is LULUCF (``lulucf`` or below it).
    public var isLULUCF: Bool { Self.lulucf.contains { $0.isPrefix(of: self) } }

    /// Whether `self` is `other` or one of its ancestors, segment-wise (`1.A` is a prefix of `1.A.1`, not of `1.AB`).
    public func isPrefix(of other: CategoryCode) -> Bool {
        segments.count <= other.segments.count && Array(other.segments.prefix(segments.count)) == segments
    }

    /// The child code with one more segment.
    public func appending(_ segment: String) -> CategoryCode { CategoryCode(segments: segments + [segment]) }

    /// Segment-wise order, parents first.
    public static func < (a: CategoryCode, b: CategoryCode) -> Bool {
        for (i, (x, y)) in zip(a.segments, b.segments).enumerated() where x != y {
            return segmentLess(x, y, level: i)
        }
        return a.segments.count < b.segments.count
    }

    /// A strict total order on segments: numbers (by value, then spelling, so `01` and `1` differ), then at the
    /// fifth level roman numerals by value, then everything else by spelling.
    private static func segmentLess(_ x: String, _ y: String, level: Int) -> Bool {
        func key(_ s: String) -> (Int, Int, String) {
            if let n = Int(s) { return (0, n, s) }
            if level == 4, let r = romanValue(s) { return (1, r, s) }
            return (2, 0, s)
        }
        return key(x) < key(y)
    }

    /// The value of a lower-case roman numeral (i … xxxix), or nil.
    static func romanValue(_ s: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50]
        var total = 0, prev = 0
        for ch in s.reversed() {
            guard let v = values[ch] else { return nil }
            if v < prev { total -= v } else { total += v; prev = v }
        }
        return total > 0 ? total : nil
    }
}

/// One row of `categories.csv`.
public struct CategoryInfo: Hashable, Sendable {
    /// The code.
    public var code: CategoryCode
    /// English name (IPCC 2006 Table 8.2).
    public var nameEN: String
    /// Chinese name.
    public var nameZH: String
    /// China provincial-guideline sector (能源活动, 工业生产过程, 农业, 土地利用变化和林业, 废弃物处理), or the indirect line.
    public var chinaSector: String
    /// UNFCCC CRF/CRT code, if any.
    public var crtCode: String
    /// The memo item the category is (`international_bunkers`, `multilateral_operations`), empty otherwise: its
    /// emissions are reported but not added to totals (methodology.md §4.3).
    public var memo: String
    /// Where the row is.
    public var location: InputLocation

    /// Creates a category.
    public init(code: CategoryCode, nameEN: String, nameZH: String, chinaSector: String, crtCode: String,
                memo: String = "", location: InputLocation) {
        self.memo = memo
        self.code = code
        self.nameEN = nameEN
        self.nameZH = nameZH
        self.chinaSector = chinaSector
        self.crtCode = crtCode
        self.location = location
    }
}

/// The category system, kept as data (as climate_categories does): every code the compiler accepts.
public struct CategoryTable: Sendable {
    private var byCode: [CategoryCode: CategoryInfo] = [:]

    /// Creates the table; duplicate codes and codes whose parent is missing are reported.
    public init(_ rows: [CategoryInfo], diagnostics: inout DiagnosticLog) {
        byCode = uniqueIndex(rows, key: \.code, location: \.location, what: { "category '\($0.code)'" },
                             diagnostics: &diagnostics)
        for row in rows.sorted(by: { $0.code < $1.code }) {
            if let p = row.code.parent, byCode[p] == nil {
                diagnostics.report(.error(.unknownCategory, at: row.location,
                    "category '\(row.code)' has no parent row '\(p)'"))
            }
        }
    }

    /// The row of a code, or nil when the code is not in the table.
    public subscript(code: CategoryCode) -> CategoryInfo? { byCode[code] }

    /// Whether the code is in the table.
    public func contains(_ code: CategoryCode) -> Bool { byCode[code] != nil }

    /// The memo classification of a code or of its nearest ancestor that has one, or nil.
    public func memo(of code: CategoryCode) -> String? {
        code.lineage.reversed().lazy.compactMap { self.byCode[$0]?.memo }.first { !$0.isEmpty }
    }

    /// Every row, in category order.
    public var all: [CategoryInfo] { byCode.values.sorted { $0.code < $1.code } }

    /// The number of categories.
    public var count: Int { byCode.count }
}
