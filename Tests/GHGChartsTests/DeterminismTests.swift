import Testing
import GHGCharts

@Suite("Determinism and degenerate input")
struct DeterminismTests {
    @Test func twoCallsGiveIdenticalOutput() {
        let first = Samples.regular + Samples.edgeCases
        let second = Samples.regular + Samples.edgeCases
        #expect(first.count == second.count)
        for (a, b) in zip(first, second) {
            #expect(a.svg == b.svg, "\(a.name)")
        }
        #expect(Set(Samples.regular.map(\.svg)).count == Samples.regular.count, "the samples really differ")
    }

    @Test("no NaN, infinity or exponent in the output", arguments: Samples.regular + Samples.edgeCases)
    func noNonFiniteNumbers(_ sample: (name: String, svg: String)) throws {
        let lowered = sample.svg.lowercased()
        #expect(!lowered.contains("nan"), "\(sample.name)")
        #expect(!lowered.contains("inf"), "\(sample.name)")
        // Every numeric attribute is a plain decimal: no exponent, no "-0".
        let parsed = try ParsedSVG(sample.svg)
        for node in parsed.root.flattened {
            for name in ["x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r"] {
                guard let text = node.attributes[name] else { continue }
                #expect(text.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }, "\(sample.name): \(name)=\(text)")
                #expect(text != "-0" && !text.hasSuffix(".0"), "\(sample.name): \(name)=\(text)")
                #expect(Double(text)?.isFinite == true, "\(sample.name): \(name)=\(text)")
            }
        }
    }

    @Test func allZeroValuesStillDrawAnAxis() throws {
        let parsed = try ParsedSVG(Chart.stackedColumns(title: "t", categories: ["a", "b"],
                                                        series: [Series(name: "A", values: [0, 0])], unit: "u"))
        #expect(parsed.texts(class: "no-data").isEmpty)
        #expect(parsed.elements("rect", class: "segment").isEmpty)
        #expect(parsed.elements("line", class: "zero").count == 1)
        #expect(parsed.elements("circle", class: "net").count == 2)
        #expect(parsed.texts(class: "tick") == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func negativeOnlyColumnsHangFromTheTop() throws {
        let parsed = try ParsedSVG(Chart.stackedColumns(title: "t", categories: ["a"],
                                                        series: [Series(name: "A", values: [-10])], unit: "u"))
        let zero = try #require(parsed.elements("line", class: "zero").first)
        let bar = try #require(parsed.elements("rect", class: "segment").first)
        #expect(abs(bar.number("y") - zero.number("y1")) < 0.01)
        #expect(parsed.texts(class: "tick").last == "0")
        #expect(parsed.texts(class: "tick").first == "-10")
    }
}
