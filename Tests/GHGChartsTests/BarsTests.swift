import Testing
import GHGCharts

@Suite("Horizontal bars geometry")
struct BarsTests {
    @Test func barsGrowFromTheZeroAxisWithValuesAtTheirEnds() throws {
        let svg = Chart.horizontalBars(title: "t", labels: ["North", "South", "East"], values: [100, -50, 25], unit: "%")
        let parsed = try ParsedSVG(svg)
        let bars = parsed.elements("rect", class: "bar")
        try #require(bars.count == 3)
        let zeroX = try #require(parsed.elements("line", class: "zero").first).number("x1")
        #expect(abs(bars[0].number("x") - zeroX) < 0.01)
        #expect(abs(bars[2].number("x") - zeroX) < 0.01)
        #expect(abs(bars[1].number("x") + bars[1].number("width") - zeroX) < 0.01, "the negative bar ends at zero")
        #expect(bars[1].number("x") < zeroX - 1, "and lies left of it")
        #expect(abs(bars[0].number("width") - 2 * bars[1].number("width")) <= 0.2)
        #expect(abs(bars[0].number("width") - 4 * bars[2].number("width")) <= 0.2)
        #expect(bars[0].number("y") < bars[1].number("y") && bars[1].number("y") < bars[2].number("y"))
        #expect(parsed.texts(class: "value") == ["100", "-50", "25"])
        #expect(parsed.texts(class: "label") == ["North", "South", "East"])
        let values = parsed.elements("text", class: "value")
        #expect(values[1].attributes["text-anchor"] == "end")
        #expect(values[1].number("x") < bars[1].number("x"))
        #expect(values[0].number("x") > bars[0].number("x") + bars[0].number("width"))
    }

    @Test func heightGrowsWithTheNumberOfLabels() throws {
        let few = try ParsedSVG(Chart.horizontalBars(title: "t", labels: ["a", "b"], values: [1, 2], unit: "u"))
        let many = try ParsedSVG(Chart.horizontalBars(title: "t", labels: (1...20).map { "l\($0)" },
                                                      values: (1...20).map(Double.init), unit: "u"))
        #expect(many.root.number("height") - few.root.number("height") == 18 * 22)
        #expect(few.root.number("width") == 720)
    }

    @Test func stackedBarsStackNegativesLeft() throws {
        let svg = Chart.stackedBars(title: "t", labels: ["County"],
                                    series: [Series(name: "Energy", values: [40]), Series(name: "Industry", values: [20]),
                                             Series(name: "Land", values: [-30])], unit: "kt")
        let parsed = try ParsedSVG(svg)
        let segments = parsed.elements("rect", class: "segment")
        try #require(segments.count == 3)
        let zeroX = try #require(parsed.elements("line", class: "zero").first).number("x1")
        #expect(abs(segments[0].number("x") - zeroX) < 0.01)
        #expect(abs(segments[1].number("x") - (segments[0].number("x") + segments[0].number("width"))) < 0.01)
        #expect(abs(segments[2].number("x") + segments[2].number("width") - zeroX) < 0.01)
        #expect(abs(segments[0].number("width") - 2 * segments[1].number("width")) <= 0.2)
        #expect(abs(segments[2].number("width") - 1.5 * segments[1].number("width")) <= 0.2)
        let net = parsed.elements("circle", class: "net")
        try #require(net.count == 1)
        #expect(abs(net[0].number("cx") - (zeroX + segments[1].number("width") * 1.5)) <= 0.2, "net = 30")
        #expect(parsed.texts(class: "legend") == ["Energy", "Industry", "Land", "Net total"])
    }

    @Test func stackedBarsWithoutNegativesHaveNoNetDots() throws {
        let parsed = try ParsedSVG(Chart.stackedBars(title: "t", labels: ["a", "b"],
                                                     series: [Series(name: "A", values: [1, 2]), Series(name: "B", values: [3, nil])],
                                                     unit: "u"))
        #expect(parsed.elements("circle", class: "net").isEmpty)
        #expect(parsed.elements("rect", class: "segment").count == 3)
        #expect(parsed.texts(class: "legend") == ["A", "B"])
    }
}
