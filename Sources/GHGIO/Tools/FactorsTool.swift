import GHGCore

/// `ghg factors`: listing, showing and diffing factor sets.
public enum FactorsTool {
    /// A set named by a shipped id or by a folder in the set format.
    public static func resolve(_ arg: String, reference: ReferenceData, log: inout DiagnosticLog) -> FactorSet? {
        if let s = reference.sets[arg] { return s }
        if FileSystem.exists(FileSystem.join(arg, "set.json")) {
            return ReferenceReader.loadSet(folder: arg, label: arg, isProject: false, log: &log)
        }
        log.report(.error(.factorSet, at: InputLocation(file: arg),
            "unknown factor set '\(arg)'; expected a set id (" + reference.sets.keys.sorted().joined(separator: ", ")
                + ") or a folder with set.json"))
        return nil
    }

    /// Every shipped set with its version, row count and content hash, as CSV.
    public static func list(_ reference: ReferenceData) -> String {
        var w = CSVWriter(header: ["id", "version", "edition", "rows", "sha256", "title"])
        for id in reference.sets.keys.sorted() {
            let s = reference.sets[id]!
            w.row([id, s.info.version, s.info.edition, String(s.rows.count), s.info.contentHash, s.info.title])
        }
        return w.text
    }

    /// The rows of a set, optionally only one parameter and/or item, as CSV in the factor-row format plus location.
    public static func show(_ set: FactorSet, parameter: String? = nil, item: String? = nil) -> String {
        var w = CSVWriter(header: ReferenceReader.factorColumns + ["file", "line"])
        for r in set.rows where (parameter == nil || r.parameter.rawValue == parameter) && (item == nil || r.item == item) {
            w.row([r.parameter.rawValue, r.item, r.category?.description ?? "", r.technology ?? "", r.region ?? "",
                   r.yearFrom.map(String.init) ?? "", r.yearTo.map(String.init) ?? "", DecimalFormat.string(r.value),
                   r.unit.symbol, r.low.map(DecimalFormat.string) ?? "", r.high.map(DecimalFormat.string) ?? "",
                   r.distribution, r.source, r.note, r.location.file, String(r.location.line)])
        }
        return w.text
    }

    /// Rows added, removed and changed between two sets, with old and new values and the relative change, as CSV.
    public static func diff(_ a: FactorSet, _ b: FactorSet) -> String {
        var w = CSVWriter(header: ["change", "parameter", "item", "category", "technology", "region", "year_from",
                                   "year_to", "old_value", "old_unit", "new_value", "new_unit", "relative_change",
                                   "old_location", "new_location"])
        for c in FactorAudit.diff(a, b) {
            let r = (c.new ?? c.old)!
            w.row([c.kind.rawValue, r.parameter.rawValue, r.item, r.category?.description ?? "", r.technology ?? "",
                   r.region ?? "", r.yearFrom.map(String.init) ?? "", r.yearTo.map(String.init) ?? "",
                   c.old.map { DecimalFormat.string($0.value) } ?? "", c.old?.unit.symbol ?? "",
                   c.new.map { DecimalFormat.string($0.value) } ?? "", c.new?.unit.symbol ?? "",
                   c.relativeChange.map(DecimalFormat.string) ?? "", c.old?.location.description ?? "",
                   c.new?.location.description ?? ""])
        }
        return w.text
    }
}
