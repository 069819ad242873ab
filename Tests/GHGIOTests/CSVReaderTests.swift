import GHGTestSupport
import GHGCore
import GHGIO
import Testing

/// Parses UTF-8 text as `t.csv`.
private func parse(_ text: String) -> (records: [CSVRecord], diagnostics: [Diagnostic]) {
    CSVReader.parse(Array(text.utf8), file: "t.csv")
}

/// A record as `line: column=field | ...`, for compact comparisons.
private func record(_ line: Int, fields: [String], columns: [Int]) -> String {
    "\(line): " + zip(columns, fields).map { "\($0)=\($1)" }.joined(separator: " | ")
}

/// The records as (line, fields, columns) for compact comparisons.
private func shape(_ records: [CSVRecord]) -> [String] {
    records.map { record($0.line, fields: $0.fields, columns: $0.columns) }
}

@Suite struct CSVReaderTests {
    // MARK: - Well-formed input

    @Test func plainFieldsAndColumns() {
        let (records, diagnostics) = parse("code,name\n510802,Lizhou\n")
        #expect(diagnostics.isEmpty)
        #expect(shape(records) == [
            record(1, fields: ["code", "name"], columns: [1, 6]),
            record(2, fields: ["510802", "Lizhou"], columns: [1, 8]),
        ])
    }

    @Test func quotedFieldsWithDoubledQuotes() {
        let (records, diagnostics) = parse("a,\"he said \"\"hi\"\"\",c\n\"x,y\",\"\",z\n")
        #expect(diagnostics.isEmpty)
        #expect(shape(records) == [
            record(1, fields: ["a", "he said \"hi\"", "c"], columns: [1, 3, 20]),
            record(2, fields: ["x,y", "", "z"], columns: [1, 7, 10]),
        ])
    }

    @Test func embeddedNewlinesKeepTheStartLine() {
        let (records, diagnostics) = parse("h1,h2\n\"two\nlines\",b\n\"three\r\nlines\nhere\",c\nlast,row\n")
        #expect(diagnostics.isEmpty)
        #expect(records.map(\.line) == [1, 2, 4, 7])
        #expect(records.map(\.fields) == [["h1", "h2"], ["two\nlines", "b"], ["three\r\nlines\nhere", "c"],
                                          ["last", "row"]])
        // A field after the embedded newline: its column is counted on the line where it physically is.
        #expect(records[1].columns == [1, 8])
        #expect(records[2].columns == [1, 7])
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("region,年份\n510802,2020\n".utf8)
        let (records, diagnostics) = CSVReader.parse(bytes, file: "t.csv")
        #expect(diagnostics.isEmpty)
        #expect(shape(records) == [
            record(1, fields: ["region", "年份"], columns: [1, 8]),
            record(2, fields: ["510802", "2020"], columns: [1, 8]),
        ])
    }

    @Test func byteOrderMarkBeforeAQuotedField() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\"a\",b\n".utf8)
        let (records, diagnostics) = CSVReader.parse(bytes, file: "t.csv")
        #expect(diagnostics.isEmpty)
        #expect(shape(records) == [record(1, fields: ["a", "b"], columns: [1, 5])])
    }

    @Test func crlfAndLFLineEnds() {
        let crlf = parse("a,b\r\nc,d\r\n")
        let lf = parse("a,b\nc,d\n")
        let mixed = parse("a,b\r\nc,d\n")
        #expect(crlf.diagnostics.isEmpty)
        #expect(crlf.records == lf.records)
        #expect(mixed.records == lf.records)
        #expect(shape(lf.records) == ["1: 1=a | 3=b", "2: 1=c | 3=d"])
        // A quoted field before CRLF.
        #expect(shape(parse("\"a\",\"b\"\r\nc,d\r\n").records) == ["1: 1=a | 5=b", "2: 1=c | 3=d"])
    }

    @Test func trailingNewlineOrNot() {
        #expect(parse("a,b\nc,d").records == parse("a,b\nc,d\n").records)
        #expect(parse("a,b\nc,\"d\"").records == parse("a,b\nc,d\n").records)
        #expect(shape(parse("a,b\nc,").records) == ["1: 1=a | 3=b", "2: 1=c | 3="])
    }

    @Test func emptyLinesAreSkipped() {
        let (records, diagnostics) = parse("a,b\n\n\r\n,\nc,d\n\n")
        #expect(diagnostics.isEmpty)
        #expect(shape(records) == ["1: 1=a | 3=b", "5: 1=c | 3=d"])
    }

    @Test func emptyInput() {
        #expect(parse("").records.isEmpty)
        #expect(CSVReader.parse([0xEF, 0xBB, 0xBF], file: "t.csv").records.isEmpty)
        #expect(parse("\n\n").records.isEmpty)
    }

    @Test func columnsCountUnicodeScalarsInCJKText() {
        let (records, diagnostics) = parse("万吨,x\n示范市统计局《能源统计年报》,亿立方米,1.5\n")
        #expect(diagnostics.isEmpty)
        #expect(shape(records) == [
            record(1, fields: ["万吨", "x"], columns: [1, 4]),
            record(2, fields: ["示范市统计局《能源统计年报》", "亿立方米", "1.5"], columns: [1, 16, 21]),
        ])
        // Four-byte scalars count once, too.
        #expect(parse("𠀀𠀁,x\n").records.first?.columns == [1, 4])
    }

    // MARK: - Malformed input: located errors, and reading goes on

    @Test func unterminatedQuote() {
        let (records, diagnostics) = parse("a,b\nc,\"d\ne,f\n")
        #expect(diagnostics.map(\.description) == [
            "t.csv:2:3: error: quoted field is never closed; expected a closing '\"' before the end of the file "
                + "[file-format]",
        ])
        #expect(shape(records) == ["1: 1=a | 3=b"])
    }

    @Test func textAfterAClosingQuote() {
        let (records, diagnostics) = parse("a,\"b\"x,c\nd,e,f\n")
        #expect(diagnostics.map(\.description) == [
            "t.csv:1:6: error: unexpected text after a closing quote; expected ',' or the end of the line "
                + "[file-format]",
        ])
        #expect(shape(records) == ["2: 1=d | 3=e | 5=f"])
    }

    @Test func bareQuoteInsideAnUnquotedField() {
        let (records, diagnostics) = parse("h1,h2\n万吨,b\"c\nd,e\n")
        #expect(diagnostics.map(\.description) == [
            "t.csv:2:5: error: unexpected '\"' inside an unquoted field; expected the whole field in quotes with "
                + "'\"\"' for a quote [file-format]",
        ])
        #expect(shape(records) == ["1: 1=h1 | 4=h2", "3: 1=d | 3=e"])
    }

    @Test func invalidUTF8IsLocatedAndExplained() {
        // 万吨 saved as GBK: CD F2 B6 D6.
        let bytes = Array("unit,value\n".utf8) + Array("1.5,".utf8) + [0xCD, 0xF2, 0xB6, 0xD6] + Array("\nx,y\n".utf8)
        let (records, diagnostics) = CSVReader.parse(bytes, file: "activity/energy.csv")
        #expect(diagnostics.map(\.description) == [
            "activity/energy.csv:2:5: error: field is not valid UTF-8; expected the file to be saved as UTF-8 "
                + "(not GBK/GB18030) [file-format]",
        ])
        #expect(shape(records) == ["1: 1=unit | 6=value", "3: 1=x | 3=y"])
    }

    @Test func everyBadRowIsReported() {
        let text = "h1,h2\n" + (0..<20).map { "ok\($0),a\"b\n" }.joined() + "end,row\n"
        let (records, diagnostics) = parse(text)
        #expect(diagnostics.count == 20)
        #expect(diagnostics.map(\.location.line) == Array(2...21))
        #expect(diagnostics.allSatisfy { $0.code == .fileFormat && $0.location.column >= 6 })
        #expect(shape(records) == ["1: 1=h1 | 4=h2", "22: 1=end | 5=row"])
    }

    /// An invalid byte inside a quoted field that spans lines is reported at the field's start, like every other
    /// field location (line of the opening quote, its column).
    @Test func invalidUTF8InAMultiLineFieldIsLocatedAtTheFieldStart() {
        let bytes = Array("a,\"x\n".utf8) + [0xCD, 0xF2] + Array("\",b\nc,d\n".utf8)
        let (records, diagnostics) = CSVReader.parse(bytes, file: "t.csv")
        #expect(shape(records) == ["3: 1=c | 3=d"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.map(\.location.description) == ["t.csv:1:3"])
    }

    // MARK: - Writer round trip

    @Test func writerEscapeRoundTrips() {
        let fields = ["plain", "a,b", "say \"hi\"", "\"", "two\nlines", "lone\rcr", "cr\rlf\n", "万吨", "",
                      " spaced ", "示范市统计局《能源统计年报》,第3页"]
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
        #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        var w = CSVWriter(header: fields)
        w.row(fields.reversed())
        w.row(["x", ""])
        let (records, diagnostics) = parse(w.text)
        #expect(diagnostics.isEmpty)
        #expect(records.map(\.fields) == [fields, fields.reversed(), ["x", ""]])
        for f in fields where !f.isEmpty {
            let (r, d) = parse(CSVWriter.escape(f) + "\n")
            #expect(d.isEmpty)
            #expect(r.map(\.fields) == [[f]], "\(f.debugDescription)")
        }
    }

    /// A field holding a CRLF must be quoted: unquoted, the CRLF ends the record.
    @Test func writerQuotesAFieldWithCRLF() {
        let field = "第一行\r\n第二行"
        // "\r\n" is one Character, equal to neither "\r" nor "\n": an escape comparing Characters would miss it
        // (CSVWriter.escape looks at the UTF-8 bytes).
        #expect(CSVWriter.escape(field) == "\"第一行\r\n第二行\"")
        #expect(parse(CSVWriter.escape(field) + ",x\n").records.map(\.fields) == [[field, "x"]])
    }
}
