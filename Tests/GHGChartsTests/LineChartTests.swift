import Testing
import GHGCharts

@Suite("Line chart")
struct LineChartTests {
    static let lines = [
        Line(name: "Inventory", points: (2005...2023).map { Point(x: Double($0), y: 100 + Double($0 - 2005)) }),
        Line(name: "Projection", points: [Point(x: 2023, y: 118), Point(x: 2030, y: 90)], style: .dashed,
             band: [BandPoint(x: 2023, low: 110, high: 126), BandPoint(x: 2030, low: 70, high: 110)]),
    ]

    @Test func dashedLinesAndBands() throws {
        let parsed = try ParsedSVG(Chart.lineChart(title: "t", lines: Self.lines, unit: "kt"))
        let paths = parsed.elements("path", class: "line")
        try #require(paths.count == 2)
        #expect(paths[0].attributes["stroke-dasharray"] == nil)
        #expect(paths[1].attributes["stroke-dasharray"] != nil)
        #expect(paths[0].attributes["stroke"] == "#0072B2" && paths[1].attributes["stroke"] == "#E69F00")
        let bands = parsed.elements("path", class: "band")
        try #require(bands.count == 1)
        let d = try #require(bands[0].attributes["d"])
        #expect(d.hasPrefix("M") && d.hasSuffix("Z"))
        #expect(d.split(separator: "L").count == 4, "two high and two low corners")
        #expect(bands[0].attributes["fill"] == "#E69F00")
        #expect(Double(bands[0].attributes["fill-opacity"] ?? "1") ?? 1 < 1)
        #expect(parsed.elements("circle", class: "point").count == 19 + 2)
        #expect(parsed.elements("line", class: "legend-swatch").map { $0.attributes["stroke-dasharray"] != nil } == [false, true])
        #expect(parsed.texts(class: "legend") == ["Inventory", "Projection"])
    }

    @Test func yearTicksHaveNoSeparators() throws {
        let svg = Chart.lineChart(title: "t", lines: [Line(name: "L", points: (2005...2030).map { Point(x: Double($0), y: 1) })],
                                  unit: "kt", xMarkers: [(x: 2005, label: "base year"), (x: 2050, label: "outside")])
        let parsed = try ParsedSVG(svg)
        #expect(parsed.texts(class: "x-tick") == ["2005", "2010", "2015", "2020", "2025", "2030"])
        #expect(!svg.contains("2,0"))
        #expect(parsed.texts(class: "marker-label") == ["base year"], "a marker outside the data is ignored")
        let first = try #require(parsed.elements("circle", class: "point").first)
        #expect(parsed.elements("line", class: "marker").first?.number("x1") == first.number("cx"))
        #expect(parsed.texts(class: "legend").isEmpty, "no legend for one line")
    }

    @Test("integer ticks step 1, 2, 5, 10, 20 …: a century of years is labelled every 10 years")
    func tickStepsIncludeTen() throws {
        let svg = Chart.lineChart(title: "t", lines: [Line(name: "L", points: (2000...2100).map { Point(x: Double($0), y: 1) })],
                                  unit: "kt")
        let parsed = try ParsedSVG(svg)
        #expect(parsed.texts(class: "x-tick") == stride(from: 2000, through: 2100, by: 10).map(String.init))
    }

    @Test func pointsArePlacedOnTheScale() throws {
        let parsed = try ParsedSVG(Chart.lineChart(title: "t", lines: [Line(name: "L", points: [Point(x: 0, y: 0), Point(x: 10, y: 50), Point(x: 20, y: 100)])],
                                                   unit: "u"))
        let points = parsed.elements("circle", class: "point")
        try #require(points.count == 3)
        let dx1 = points[1].number("cx") - points[0].number("cx"), dx2 = points[2].number("cx") - points[1].number("cx")
        let dy1 = points[0].number("cy") - points[1].number("cy"), dy2 = points[1].number("cy") - points[2].number("cy")
        #expect(dx1 > 10 && abs(dx1 - dx2) <= 0.1)
        #expect(dy1 > 10 && abs(dy1 - dy2) <= 0.1)
        let zeroY = try #require(parsed.elements("line", class: "zero").first).number("y1")
        #expect(points[0].number("cy") == zeroY)
    }

    @Test func aSinglePointIsADotWithoutAPath() throws {
        let parsed = try ParsedSVG(Chart.lineChart(title: "t", lines: [Line(name: "L", points: [Point(x: 2020, y: 5)])], unit: "u"))
        #expect(parsed.elements("path", class: "line").isEmpty)
        #expect(parsed.elements("circle", class: "point").count == 1)
        #expect(parsed.texts(class: "x-tick") == ["2019", "2020", "2021"])
    }

    @Test func fractionalXUsesDecimalTicks() throws {
        let parsed = try ParsedSVG(Chart.lineChart(title: "t", lines: [Line(name: "L", points: [Point(x: 0.5, y: 1), Point(x: 1.5, y: 2)])],
                                                   unit: "u"))
        #expect(parsed.texts(class: "x-tick") == ["0.4", "0.6", "0.8", "1.0", "1.2", "1.4", "1.6"])
    }
}
