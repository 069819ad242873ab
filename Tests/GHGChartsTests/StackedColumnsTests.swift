import Testing
import GHGCharts

@Suite("Stacked columns geometry")
struct StackedColumnsTests {
    /// The chart of the brief: 2005 and 2020, series A [10, 20] and B [-5, 5].
    static let svg = Chart.stackedColumns(title: "Emissions", categories: ["2005", "2020"],
                                          series: [Series(name: "A", values: [10, 20]), Series(name: "B", values: [-5, 5])],
                                          unit: "kt", markers: [Marker(category: "2005", label: "base year"),
                                                                Marker(category: "1990", label: "ignored")])

    /// The segment whose tooltip starts with `prefix`, e.g. "A · 2005".
    static func segment(_ parsed: ParsedSVG, _ prefix: String) throws -> SVGNode {
        let found = parsed.elements("rect", class: "segment").filter { $0.tooltip.hasPrefix(prefix + ":") }
        try #require(found.count == 1, "one segment \(prefix)")
        return found[0]
    }

    @Test func heightsAreProportionalToValues() throws {
        let parsed = try ParsedSVG(Self.svg)
        #expect(parsed.elements("rect", class: "segment").count == 4)
        let a2005 = try Self.segment(parsed, "A · 2005"), a2020 = try Self.segment(parsed, "A · 2020")
        let b2005 = try Self.segment(parsed, "B · 2005"), b2020 = try Self.segment(parsed, "B · 2020")
        let unit = a2005.number("height") / 10
        #expect(unit > 1, "10 units should be more than 10 pixels tall")
        #expect(abs(a2020.number("height") - 2 * a2005.number("height")) <= 0.2)
        #expect(abs(b2005.number("height") - 5 * unit) <= 0.2)
        #expect(abs(b2020.number("height") - 5 * unit) <= 0.2)
        // Columns are side by side, all segments of a column share x and width.
        #expect(a2005.number("x") == b2005.number("x") && a2020.number("x") == b2020.number("x"))
        #expect(a2005.number("x") < a2020.number("x"))
        #expect(a2005.number("width") == a2020.number("width"))
    }

    @Test func positivesStackUpAndNegativesHangBelowTheZeroLine() throws {
        let parsed = try ParsedSVG(Self.svg)
        let zero = try #require(parsed.elements("line", class: "zero").first)
        let zeroY = zero.number("y1")
        #expect(zero.number("y2") == zeroY)
        let a2005 = try Self.segment(parsed, "A · 2005"), a2020 = try Self.segment(parsed, "A · 2020")
        let b2005 = try Self.segment(parsed, "B · 2005"), b2020 = try Self.segment(parsed, "B · 2020")
        // Positive segments end on the zero line (SVG y grows downward) …
        #expect(abs(a2005.number("y") + a2005.number("height") - zeroY) < 0.01)
        #expect(abs(a2020.number("y") + a2020.number("height") - zeroY) < 0.01)
        // … the second positive segment sits exactly on the first …
        #expect(abs(b2020.number("y") + b2020.number("height") - a2020.number("y")) < 0.01)
        // … and the negative segment starts at the zero line and lies below it.
        #expect(abs(b2005.number("y") - zeroY) < 0.01)
        #expect(b2005.number("y") + b2005.number("height") > zeroY + 1)
        #expect(b2005.attributes["fill"] == b2020.attributes["fill"])
        #expect(a2005.attributes["fill"] != b2005.attributes["fill"])
    }

    @Test func netTotalDotsAndMarkers() throws {
        let parsed = try ParsedSVG(Self.svg)
        let a2005 = try Self.segment(parsed, "A · 2005")
        let zeroY = try #require(parsed.elements("line", class: "zero").first).number("y1")
        let unit = a2005.number("height") / 10
        let dots = parsed.elements("circle", class: "net")
        try #require(dots.count == 2)
        #expect(abs(dots[0].number("cy") - (zeroY - 5 * unit)) <= 0.2, "net 2005 = 10 - 5")
        #expect(abs(dots[1].number("cy") - (zeroY - 25 * unit)) <= 0.2, "net 2020 = 20 + 5")
        #expect(dots[0].number("cx") == a2005.number("x") + a2005.number("width") / 2)
        let markers = parsed.elements("line", class: "marker")
        try #require(markers.count == 1, "the marker at 1990 is not a category and is ignored")
        #expect(markers[0].number("x1") == dots[0].number("cx"))
        #expect(parsed.texts(class: "marker-label") == ["base year"])
        #expect(parsed.texts(class: "legend") == ["A", "B", "Net total"])
        #expect(parsed.texts(class: "unit") == ["kt"])
    }

    @Test func tickLabelsAreNiceAndGrouped() throws {
        let big = Chart.stackedColumns(title: "t", categories: ["x"], series: [Series(name: "A", values: [12_345])], unit: "t")
        let ticks = try ParsedSVG(big).texts(class: "tick")
        #expect(ticks == ["0", "5,000", "10,000", "15,000"])
        let small = Chart.stackedColumns(title: "t", categories: ["x"], series: [Series(name: "A", values: [0.034])], unit: "t")
        #expect(try ParsedSVG(small).texts(class: "tick") == ["0.00", "0.01", "0.02", "0.03", "0.04"])
        let single = try ParsedSVG(big)
        #expect(single.texts(class: "legend").isEmpty, "no legend for a single series")
        #expect(single.elements("circle", class: "net").count == 1)
    }

    @Test func crowdedYearLabelsAreThinnedToRoundStrides() throws {
        func labels(_ years: ClosedRange<Int>) throws -> [String] {
            let names = years.map(String.init)
            let svg = Chart.stackedColumns(title: "t", categories: names,
                                           series: [Series(name: "A", values: names.map { _ in 1 })], unit: "u")
            return try ParsedSVG(svg).texts(class: "category")
        }
        #expect(try labels(2005...2020).count == 16, "16 years fit")
        #expect(try labels(1990...2023) == stride(from: 1990, through: 2023, by: 2).map(String.init))
        #expect(try labels(1990...2060) == stride(from: 1990, through: 2060, by: 5).map(String.init))
    }

    @Test func longCategoriesWrapOntoTwoLinesAndAreCutRatherThanSkipped() throws {
        let names = ["能源活动 Energy", "工业过程 Industry", "农业 Agriculture", "废弃物 Waste", "其他 Other",
                     "能源活动 Energy", "工业过程 Industry", "农业 Agriculture", "废弃物 Waste"]
        let svg = Chart.stackedColumns(title: "t", categories: names,
                                       series: [Series(name: "A", values: names.map { _ in 1 })], unit: "u")
        let parsed = try ParsedSVG(svg)
        let labels = parsed.texts(class: "category")
        #expect(labels.count == 17, "8 labels on two lines, \"其他 Other\" fits on one")
        #expect(labels.prefix(4) == ["能源活动", "Energy", "工业过程", "Industry"])
        #expect(labels[5].hasPrefix("Agricu") && labels[5].hasSuffix("…"))
        #expect(parsed.elements("rect", class: "segment")[2].tooltip.hasPrefix("A · 农业 Agriculture:"), "the tooltip keeps the full name")
    }
}
