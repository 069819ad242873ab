import Testing
import GHGCharts

@Suite("Escaping of caller text")
struct EscapingTests {
    static let script = "<script>alert(1)</script>"
    static let formula = "=HYPERLINK(\"x\")"
    static let title = "Tom & Jerry's <chart> \"quoted\""

    /// Every chart kind with the hostile strings in every caller-text position it has.
    static var charts: [(name: String, svg: String)] {
        [
            ("stackedColumns", Chart.stackedColumns(title: title, categories: [formula, "2020"],
                                                    series: [Series(name: script, values: [1, 2]), Series(name: formula, values: [-1, 1])],
                                                    unit: script, markers: [Marker(category: formula, label: script)])),
            ("horizontalBars", Chart.horizontalBars(title: title, labels: [formula, script], values: [1, -2], unit: script)),
            ("stackedBars", Chart.stackedBars(title: title, labels: [formula],
                                              series: [Series(name: script, values: [3]), Series(name: "b", values: [-1])], unit: script)),
            ("lineChart", Chart.lineChart(title: title, lines: [Line(name: script, points: [Point(x: 1, y: 1), Point(x: 2, y: 3)]),
                                                                Line(name: formula, points: [Point(x: 1, y: 2)])],
                                          unit: script, xMarkers: [(x: 1.5, label: formula)])),
            ("waterfall", Chart.waterfall(title: title, start: Step(label: formula, value: 5), steps: [Step(label: script, value: 1)],
                                          end: Step(label: "end", value: 6), unit: script)),
        ]
    }

    @Test("hostile text is escaped and round-trips through the parser", arguments: charts)
    func escapes(_ chart: (name: String, svg: String)) throws {
        let svg = chart.svg
        #expect(!svg.contains("<script"), "\(chart.name)")
        #expect(!svg.contains("</script"), "\(chart.name)")
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(chart.name)")
        #expect(svg.contains("=HYPERLINK(&quot;x&quot;)"), "\(chart.name)")
        #expect(!svg.contains("=HYPERLINK(\"x\")"), "\(chart.name)")
        #expect(svg.contains("aria-label=\"Tom &amp; Jerry&#39;s &lt;chart&gt; &quot;quoted&quot;\""), "\(chart.name)")
        #expect(!svg.contains("Jerry's"), "\(chart.name)")

        let parsed = try ParsedSVG(svg)
        #expect(parsed.elements("script").isEmpty, "\(chart.name)")
        #expect(parsed.root.attributes["aria-label"] == Self.title, "\(chart.name)")
        #expect(parsed.root.children.first?.text == Self.title, "\(chart.name)")
        let texts = parsed.elements("text").map(\.text) + parsed.elements("title").map(\.text)
        #expect(texts.contains(Self.script) || texts.contains { $0.contains(Self.script) }, "\(chart.name)")
        #expect(texts.contains { $0.contains(Self.formula) }, "\(chart.name)")
    }

    @Test func legendShowsTheNamesVerbatim() throws {
        let parsed = try ParsedSVG(Self.charts[0].svg)
        #expect(parsed.texts(class: "legend") == [Self.script, Self.formula, "Net total"])
        #expect(parsed.texts(class: "unit") == [Self.script])
        #expect(parsed.texts(class: "marker-label") == [Self.script])
        #expect(parsed.texts(class: "category") == [Self.formula, "2020"])
    }
}
