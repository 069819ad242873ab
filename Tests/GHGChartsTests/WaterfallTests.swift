import Testing
import GHGCharts

@Suite("Waterfall geometry")
struct WaterfallTests {
    @Test func floatingBarsChainAndTheEndMatchesTheSum() throws {
        let steps = [Step(label: "Energy", value: 30), Step(label: "Land", value: -50), Step(label: "Waste", value: 10)]
        let svg = Chart.waterfall(title: "t", start: Step(label: "2005", value: 100), steps: steps,
                                  end: Step(label: "2020", value: 90), unit: "kt")
        let parsed = try ParsedSVG(svg)
        let bars = parsed.elements("rect").filter { ["total", "increase", "decrease"].contains($0.className) }
        try #require(bars.map(\.className) == ["total", "increase", "decrease", "increase", "total"])
        let zeroY = try #require(parsed.elements("line", class: "zero").first).number("y1")
        let start = bars[0]
        #expect(abs(start.number("y") + start.number("height") - zeroY) < 0.01, "the start bar stands on zero")
        let perUnit = start.number("height") / 100
        #expect(perUnit > 0.5)

        var level = start.number("y")          // the pixel y of the running total
        for (bar, step) in zip(bars[1...3], steps) {
            let top = bar.number("y"), bottom = top + bar.number("height")
            if step.value > 0 {
                #expect(abs(bottom - level) < 0.01, "\(step.label) starts where the previous bar ended")
                level = top
            } else {
                #expect(abs(top - level) < 0.01, "\(step.label) starts where the previous bar ended")
                level = bottom
            }
            #expect(abs(bar.number("height") - abs(step.value) * perUnit) <= 0.2)
        }
        let end = bars[4]
        #expect(abs(end.number("y") - level) < 0.01, "the end bar's top is level with the last step's end")
        #expect(abs(end.number("y") + end.number("height") - zeroY) < 0.01)
        #expect(abs(end.number("height") - (100 + 30 - 50 + 10) * perUnit) <= 0.2)

        #expect(bars[1].attributes["fill"] != bars[2].attributes["fill"], "increase and decrease differ")
        #expect(bars[1].attributes["fill"] == bars[3].attributes["fill"])
        #expect(parsed.texts(class: "value") == ["100", "+30", "-50", "+10", "90"])
        #expect(parsed.texts(class: "category") == ["2005", "Energy", "Land", "Waste", "2020"])
        #expect(parsed.elements("line", class: "connector").count == 4)
    }

    @Test func noStepsDrawsTwoTotals() throws {
        let parsed = try ParsedSVG(Chart.waterfall(title: "t", start: Step(label: "a", value: 10), steps: [],
                                                   end: Step(label: "b", value: 10), unit: "u"))
        let totals = parsed.elements("rect", class: "total")
        try #require(totals.count == 2)
        #expect(totals[0].number("y") == totals[1].number("y"))
        #expect(totals[0].number("height") == totals[1].number("height"))
        #expect(parsed.elements("rect", class: "increase").isEmpty && parsed.elements("rect", class: "decrease").isEmpty)
    }

    @Test func negativeLevelsGoBelowZero() throws {
        let parsed = try ParsedSVG(Chart.waterfall(title: "t", start: Step(label: "a", value: 10),
                                                   steps: [Step(label: "sink", value: -25)],
                                                   end: Step(label: "b", value: -15), unit: "u"))
        let zeroY = try #require(parsed.elements("line", class: "zero").first).number("y1")
        let decrease = try #require(parsed.elements("rect", class: "decrease").first)
        let end = try #require(parsed.elements("rect", class: "total").last)
        #expect(decrease.number("y") < zeroY && decrease.number("y") + decrease.number("height") > zeroY)
        #expect(abs(end.number("y") - zeroY) < 0.01)
        #expect(abs(end.number("y") + end.number("height") - (decrease.number("y") + decrease.number("height"))) < 0.01)
    }
}
