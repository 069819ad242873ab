import GHGTestSupport
import Testing
import GHGCore

/// Parses a code the test knows to be valid.
private func code(_ text: String) throws -> CategoryCode { try #require(CategoryCode(text)) }

@Suite("CategoryCode")
struct CategoryCodeTests {
    @Test func parsesSegments() throws {
        #expect(try code("1.A.1.a.i").segments == ["1", "A", "1", "a", "i"])
        #expect(try code("IND.1").segments == ["IND", "1"])
        #expect(try code(" 1.A.2 ").description == "1.A.2")
        #expect(try code("4").segments == ["4"])
    }

    @Test("rejects empty codes and empty or spaced segments", arguments: ["", "   ", "1..A", ".1", "1.A.", "1. A", "1.A .2"])
    func rejects(_ text: String) {
        #expect(CategoryCode(text) == nil)
    }

    @Test func parentLineageDepthSector() throws {
        let c = try code("1.A.1.a")
        #expect(c.depth == 4)
        #expect(c.parent == (try code("1.A.1")))
        #expect(c.lineage.map(\.description) == ["1", "1.A", "1.A.1", "1.A.1.a"])
        #expect(c.sector == "1")
        #expect(try code("1").parent == nil)
        #expect(try code("1").depth == 1)
        #expect(try code("1").lineage.map(\.description) == ["1"])
        #expect(try code("IND.1").sector == "IND")
        #expect(try code("IND.1").parent?.description == "IND")
        #expect(try code("1.A").appending("3").description == "1.A.3")
    }

    @Test func prefixIsSegmentWise() throws {
        let a = try code("1.A")
        #expect(a.isPrefix(of: try code("1.A.1")))
        #expect(a.isPrefix(of: try code("1.A.1.a.i")))
        #expect(a.isPrefix(of: a))
        #expect(!a.isPrefix(of: try code("1.AB")))
        #expect(!a.isPrefix(of: try code("1.AB.1")))
        #expect(!a.isPrefix(of: try code("1")))
        #expect(!a.isPrefix(of: try code("1.B.1")))
        #expect(!(try code("1.A.1")).isPrefix(of: try code("1.A.10")))
    }

    @Test func numbersOrderNumerically() throws {
        #expect(try code("1.A.2") < code("1.A.10"))
        #expect(try code("1.A.9") < code("1.A.10"))
        #expect(!(try code("1.A.10") < code("1.A.2")))
        // Numbers before letters in the same segment.
        #expect(try code("1.B.2.b.3") < code("1.B.2.b.a"))
    }

    @Test func romanNumeralsAtTheFifthSegmentOrderByValue() throws {
        let written = ["1.A.1.a.x", "1.A.1.a.ix", "1.A.1.a.v", "1.A.1.a.iv", "1.A.1.a.i", "1.A.1.a.ii", "1.A.1.a.iii"]
        let sorted = try written.map(code).sorted().map(\.description)
        #expect(sorted == ["1.A.1.a.i", "1.A.1.a.ii", "1.A.1.a.iii", "1.A.1.a.iv", "1.A.1.a.v", "1.A.1.a.ix",
                           "1.A.1.a.x"])
        // Alphabetically "ix" < "v"; by value 9 > 5.
        #expect(try code("1.A.1.a.v") < code("1.A.1.a.ix"))
        #expect(!(try code("1.A.1.a.ix") < code("1.A.1.a.v")))
        #expect(try code("1.A.1.a.ix") < code("1.A.1.a.x"))
        #expect(try code("1.B.1.a.i") < code("1.B.1.a.ii"))
    }

    @Test func parentBeforeChildAndSectorsInOrder() throws {
        #expect(try code("1.A") < code("1.A.1"))
        #expect(!(try code("1.A.1") < code("1.A")))
        #expect(try code("1.A.1.a.iv") < code("1.A.1.a.iv.1"))
        let written = ["IND.1", "5", "IND", "2.A.1", "1.A.1", "4.A", "3.A.1", "1", "1.A", "1.B", "10"]
        let sorted = try written.map(code).sorted().map(\.description)
        #expect(sorted == ["1", "1.A", "1.A.1", "1.B", "2.A.1", "3.A.1", "4.A", "5", "10", "IND", "IND.1"])
    }

    @Test func equalCodesAreNotLess() throws {
        #expect(!(try code("1.A.1") < code("1.A.1")))
        #expect(try code("1.A.1") == code(" 1.A.1"))
    }

    /// Regression: the order must be a strict total order even for codes outside the IPCC table, or sorting and the
    /// inventory's binary search break (x < l by roman value, l < m and m < x by spelling was a cycle; 01 vs 1 tied).
    @Test func orderIsStrictAndTotal() throws {
        let codes = try ["1.A.1.a.x", "1.A.1.a.l", "1.A.1.a.m", "1.A.1.a.ix", "1.A.01", "1.A.1", "1.A.b", "IND"]
            .map(code)
        for a in codes {
            #expect(!(a < a))
            for b in codes where a != b {
                #expect((a < b) != (b < a), "\(a) vs \(b)")
                for c in codes where a < b && b < c { #expect(a < c, "\(a) < \(b) < \(c)") }
            }
        }
        #expect(try code("1.A.1.a.ix") < code("1.A.1.a.x"))
        #expect(try code("1.A.1.a.l") < code("1.A.1.a.m"))  // roman numerals before other letters at level 5
    }
}
