/// The administrative level of a region in `regions.csv`.
public enum RegionLevel: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// A province (省).
    case province
    /// A prefecture-level city (地级市).
    case city
    /// A county-level unit: district, county or county-level city (区, 县, 县级市).
    case county
    /// A zone or park (开发区, 高新区, 园区) hosted by a county; its rows count once, in the host county.
    case zone

    /// The level's name.
    public var description: String { rawValue }
}

/// How a region's totals are formed.
public enum RegionTotals: String, Hashable, Sendable {
    /// The sum of the sub-regions plus the region's own rows, which are reported as "not allocated to a
    /// sub-region" (the default).
    case sum
    /// The region's own rows are its complete inventory (a city's own statistics); sub-regions are a breakdown, and
    /// the residual own − Σ sub-regions is reported per category, gas and year.
    case own
}

/// One row of `regions.csv`.
public struct Region: Hashable, Sendable {
    /// The region's code (GB/T 2260 codes are recommended: 510000 四川省, 510800 广元市).
    public var code: String
    /// Chinese name.
    public var nameZH: String
    /// English name.
    public var nameEN: String
    /// Administrative level.
    public var level: RegionLevel
    /// The parent region's code (a zone's parent is its host county); nil for the top of the tree.
    public var parent: String?
    /// How the region's totals are formed from its own rows and its sub-regions'.
    public var totals: RegionTotals
    /// Where the row is.
    public var location: InputLocation

    /// Creates a region.
    public init(code: String, nameZH: String, nameEN: String, level: RegionLevel, parent: String?,
                totals: RegionTotals = .sum, location: InputLocation) {
        self.code = code
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.level = level
        self.parent = parent
        self.totals = totals
        self.location = location
    }
}

/// The project's regions as a tree.
public struct RegionTree: Sendable {
    private var byCode: [String: Region] = [:]

    /// Creates a tree. Duplicate codes, unknown parents and cycles are reported as errors.
    public init(_ regions: [Region], diagnostics: inout DiagnosticLog) {
        byCode = uniqueIndex(regions, key: \.code, location: \.location, what: { "region '\($0.code)'" },
                             diagnostics: &diagnostics)
        for r in regions.sorted(by: { $0.location < $1.location }) {
            guard byCode[r.code]?.location == r.location, let p = r.parent else { continue }
            if byCode[p] == nil {
                diagnostics.report(.error(.unknownRegion, at: r.location,
                    "parent '\(p)' of region '\(r.code)' is not in regions.csv; expected the code of another row"))
            }
        }
        // Levels: a zone needs a host county; a county sits under a city; a city under a province.
        let expected: [RegionLevel: [RegionLevel]] = [.zone: [.county], .county: [.city], .city: [.province]]
        for r in regions.sorted(by: { $0.location < $1.location }) where byCode[r.code]?.location == r.location {
            guard let allowed = expected[r.level] else { continue }
            guard let p = r.parent else {
                if r.level == .zone {
                    diagnostics.report(.error(.unknownRegion, at: r.location,
                        "zone '\(r.code)' has no host; expected its host county's code in 'parent'"))
                }
                continue
            }
            if let parent = byCode[p], !allowed.contains(parent.level) {
                diagnostics.report(.error(.unknownRegion, at: r.location,
                    "\(r.level) '\(r.code)' has parent '\(p)' of level \(parent.level); expected a "
                        + allowed.map(\.rawValue).joined(separator: " or ")
                        + (r.level == .zone ? " (a zone's parent is its host county)" : "")))
            }
        }
        // Cycles: walk up from every region; more steps than regions means a loop.
        for r in regions.sorted(by: { $0.location < $1.location }) where byCode[r.code]?.location == r.location {
            var seen: Set<String> = [r.code]
            var cur = r.parent
            while let c = cur, let next = byCode[c] {
                if seen.contains(c) {
                    diagnostics.report(.error(.unknownRegion, at: r.location,
                        "region '\(r.code)' is in a cycle of parents (\(seen.sorted().joined(separator: ", ")))"))
                    byCode[r.code]?.parent = nil
                    break
                }
                seen.insert(c)
                cur = next.parent
            }
        }
    }

    /// The region with this code, or nil.
    public subscript(code: String) -> Region? { byCode[code] }

    /// Whether the code is a region of the project.
    public func contains(_ code: String) -> Bool { byCode[code] != nil }

    /// The message for a region code that is not in the tree: what was expected, and what Excel may have done to
    /// the code (`519902.0` from a number cell, `5.19902E+05` in scientific notation, a non-breaking space from a
    /// copied cell).
    public func unknownCodeMessage(_ code: String) -> String {
        "region '\(code)' is not in regions.csv; expected one of its codes" + (Self.excelHint(code, known: contains) ?? "")
    }

    /// What Excel did to a code, if that explains it (nil otherwise).
    public static func excelHint(_ code: String, known: (String) -> Bool) -> String? {
        let scalars = Array(code.unicodeScalars)
        let spaces: Set<UInt32> = [0xA0, 0x3000, 0x2007, 0x202F, 0xFEFF, 0x200B]
        if scalars.contains(where: { spaces.contains($0.value) }) {
            var clean = String.UnicodeScalarView()
            clean.append(contentsOf: scalars.filter { !spaces.contains($0.value) })
            let c = String(clean)
            return "; it contains a non-breaking or full-width space (copied from a web page or a formatted cell)"
                + (known(c) ? ": expected '\(c)'" : "")
        }
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, digits(parts[0]), !parts[1].isEmpty, parts[1].allSatisfy({ $0 == "0" }) {
            let c = String(parts[0])
            return "; Excel stored the code as a number (\(code)): format the column as text"
                + (known(c) ? " and write '\(c)'" : "")
        }
        let upper = code.uppercased()
        if let e = upper.firstIndex(of: "E"), upper[upper.index(after: e)...].hasPrefix("+"),
           digits(upper[upper.index(upper.index(after: e), offsetBy: 1)...]),
           upper[..<e].allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }) {
            return "; Excel showed the code in scientific notation, which may have lost its last digits: format the "
                + "column as text and write the full code"
        }
        return nil
    }

    /// The region and its ancestors, nearest first (`county, city, province`). Unknown codes give `[code]`.
    public func chain(from code: String) -> [String] {
        var out = [code]
        var cur = byCode[code]?.parent
        while let c = cur, !out.contains(c) {
            out.append(c)
            cur = byCode[c]?.parent
        }
        return out
    }

    /// Every region, sorted by code.
    public var all: [Region] { byCode.values.sorted { $0.code < $1.code } }

    /// The regions a line of `code` counts in: the region itself and each ancestor, stopping below an ancestor whose
    /// totals are its own data (``RegionTotals/own``). A zone's rows thus count once in its host county, once in the
    /// city, and so on.
    public func rollUpTargets(of code: String) -> [String] {
        var out = [code]
        var cur = code
        while let p = byCode[cur]?.parent, let parent = byCode[p], !out.contains(p) {
            if parent.totals == .own { break }
            out.append(p)
            cur = p
        }
        return out
    }

    /// The region and every region whose lines count in it (``rollUpTargets(of:)``), sorted by code.
    public func subtree(of code: String) -> [String] {
        ([code] + byCode.keys.filter { $0 != code && rollUpTargets(of: $0).contains(code) }).sorted()
    }

    /// The direct sub-regions of a region, sorted by code.
    public func children(of code: String) -> [String] {
        byCode.values.filter { $0.parent == code }.map(\.code).sorted()
    }

    /// The regions without a parent (normally the province), sorted by code.
    public var roots: [String] { byCode.values.filter { $0.parent == nil }.map(\.code).sorted() }
}
