import Testing
@testable import GHGCharts

@Suite("Well-formed SVG")
struct WellFormednessTests {
    @Test func theCheckerRejectsBrokenXML() {
        #expect(throws: SVGParseFailure.self) { try ParsedSVG("<svg><g></svg>") }
        #expect(throws: SVGParseFailure.self) { try ParsedSVG("<svg width=12></svg>") }
        #expect(throws: SVGParseFailure.self) { try ParsedSVG("<svg>a < b</svg>") }
        #expect(disallowedReferences(in: "a &nbsp; b &amp; &#39; &lt;") == ["&nbsp;"])
    }

    @Test("every chart parses, with an svg root, its attributes and a title first",
          arguments: Samples.regular + Samples.edgeCases)
    func parses(_ sample: (name: String, svg: String)) throws {
        let parsed = try ParsedSVG(sample.svg)
        let root = parsed.root
        #expect(root.name == "svg", "\(sample.name)")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg", "\(sample.name)")
        #expect(root.attributes["role"] == "img", "\(sample.name)")
        let width = try #require(root.attributes["width"]), height = try #require(root.attributes["height"])
        #expect(root.attributes["viewBox"] == "0 0 \(width) \(height)", "\(sample.name)")
        #expect(root.attributes["font-family"] == "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif")
        #expect(root.children.first?.name == "title", "\(sample.name)")
        #expect(root.children.first?.text == root.attributes["aria-label"], "\(sample.name)")
        #expect(sample.svg.hasPrefix("<svg ") && sample.svg.hasSuffix("</svg>"), "\(sample.name)")
        #expect(disallowedReferences(in: sample.svg).isEmpty, "\(sample.name)")
    }

    @Test func charactersXMLForbidsAreDropped() throws {
        let svg = Chart.horizontalBars(title: "bell\u{7}tab\tnull\u{0}", labels: ["a\u{1B}b", "x\u{FFFE}y"],
                                       values: [1, 2], unit: "line\nbreak")
        let parsed = try ParsedSVG(svg)
        #expect(parsed.root.children.first?.text == "belltab null")
        #expect(parsed.texts(class: "label") == ["ab", "xy"])
        #expect(parsed.texts(class: "unit") == ["line break"])
    }

    @Test func emptyInputSaysNoData() throws {
        for sample in Samples.edgeCases where !sample.name.hasPrefix("waterfall") && (sample.name.contains("empty") || sample.name.contains("no ")) {
            let parsed = try ParsedSVG(sample.svg)
            #expect(parsed.texts(class: "no-data") == ["no data"], "\(sample.name)")
            #expect(parsed.elements("rect").count == 1, "\(sample.name): only the background")
        }
        let allNil = try ParsedSVG(Chart.stackedColumns(title: "t", categories: ["a"], series: [Series(name: "A", values: [nil])], unit: "u"))
        #expect(allNil.texts(class: "no-data") == ["no data"])
        let regular = try ParsedSVG(Samples.regular[0].svg)
        #expect(regular.texts(class: "no-data").isEmpty)
    }
}
