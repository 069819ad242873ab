import GHGCharts
import GHGCore

/// The content of `audit.html`: for the top region, one bridge (waterfall) chart per year and total (territorial,
/// and with indirect emissions) that moved, from the total before to the total after, one bar per factor change (the attribution of ``TotalChange``), biggest
/// first; then the biggest movers of every region.
struct AuditPage {
    /// One bar of a bridge.
    struct StepRow {
        var cause: String
        var co2e: String
        var value: String
    }

    /// One year's bridge.
    struct Bridge {
        var year: String
        var scope: String
        var chart: String
        var before: String
        var after: String
        var change: String
        var steps: [StepRow]
    }

    /// A total that moved.
    struct Mover {
        var region: String
        var year: String
        var scope: String
        var node: String
        var gas: String
        var before: String
        var after: String
        var change: String
    }

    var title: String
    var from: String
    var to: String
    var gwp: String
    var counts: String
    var region: String
    var bridges: [Bridge]
    var hasBridges: Bool
    var movers: [Mover]
    var hasMovers: Bool
    var style: String

    /// The factor changes drawn as bars of their own; the others share one bar (the table lists all).
    static let bars = 12

    /// A cause as a bar label: its first 70 characters.
    static func label(_ s: String) -> String {
        s.count <= 70 ? s : String(s.prefix(69)) + "…"
    }

    /// The page for an audit; `top` is the region the bridges are drawn for (the compile summary's top region).
    ///
    /// - Complexity: O(t log t) in the totals that moved.
    init(_ r: AuditReport, top: String, regions: RegionTree?, style: String, movers limit: Int = 25) {
        func stack(_ s: [FactorSetInfo]) -> String {
            s.map { "\($0.id) \($0.version) (sha256 \($0.contentHash.prefix(12))…)" }.joined(separator: ", ")
        }
        title = "因子审计 Factor audit"
        from = stack(r.from)
        to = stack(r.to)
        gwp = r.gwp.rawValue
        counts = "\(r.lines.count) emission lines changed; \(r.totals.count) totals moved; "
            + "\(r.indicators.count) indicator values changed"
        region = top + (regions?[top].map { " \($0.nameZH) \($0.nameEN)" } ?? "")
        // The territorial total, and the total with indirect emissions (a grid factor moves only that one), of each
        // year that moved: latest year first, territorial first.
        let totals = r.totals.filter {
            $0.key.region == top && $0.key.extent == .all && $0.key.node == .total && $0.key.gas == .all
                && ($0.key.scope == .total || $0.key.scope == .totalWithIndirect)
        }.sorted { ($0.key.year, $1.key.scope) > ($1.key.year, $0.key.scope) }
        bridges = totals.map { t in
            let steps = t.attribution.sorted {
                abs($0.co2e) != abs($1.co2e) ? abs($0.co2e) > abs($1.co2e) : $0.cause < $1.cause
            }
            // The biggest changes each get a bar; the rest one bar together, so a national change stays readable.
            var bars = steps.prefix(Self.bars).map { Step(label: Self.label($0.cause.description), value: $0.co2e) }
            if steps.count > Self.bars {
                let rest = steps.dropFirst(Self.bars)
                bars.append(Step(label: "\(rest.count) other changes", value: rest.reduce(0) { $0 + $1.co2e }))
            }
            let chart = GHGCharts.Chart.waterfall(
                title: "\(top) \(t.key.year) \(t.key.scope.rawValue): \(ReportFormat.tonnes(t.before)) → "
                    + "\(ReportFormat.tonnes(t.after)) t CO2e",
                start: Step(label: "before", value: t.before), steps: bars,
                end: Step(label: "after", value: t.after), unit: "t CO2e (\(r.gwp.rawValue))")
            return Bridge(year: String(t.key.year), scope: t.key.scope.rawValue, chart: chart, before: ReportFormat.tonnes(t.before),
                          after: ReportFormat.tonnes(t.after), change: ReportFormat.tonnes(t.change),
                          steps: steps.map { StepRow(cause: $0.cause.description, co2e: ReportFormat.tonnes($0.co2e),
                                                     value: DecimalFormat.string($0.co2e)) })
        }
        hasBridges = !bridges.isEmpty
        movers = r.totals.filter { $0.key.extent == .all }.prefix(limit).map { t in
            Mover(region: t.key.region, year: String(t.key.year), scope: t.key.scope.rawValue,
                  node: t.key.node.description, gas: t.key.gas.description, before: ReportFormat.tonnes(t.before),
                  after: ReportFormat.tonnes(t.after), change: ReportFormat.tonnes(t.change))
        }
        hasMovers = !movers.isEmpty
        self.style = style
    }
}

extension ReportWriter {
    /// `audit.html`: the bridge charts and biggest movers of an audit, self-contained like `report.html`.
    public static func auditHTML(_ r: AuditReport, top: String, regions: RegionTree?, templates: ReportTemplates)
        -> String {
        templates.audit.render(AuditPage(r, top: top, regions: regions, style: templates.style))
    }
}
