import GHGCore

/// Renders the calculation tree behind a total as text or JSON (`ghg explain`).
public enum ExplainRenderer {
    /// The tree as indented text: totals, categories, and for each line the activity row, every factor and the
    /// formula with the numbers in it. With `threads` above 1, runs of lines are rendered side by side and joined in
    /// order: the text is the same whatever the count.
    public static func text(_ root: ExplanationNode, key: InventoryKey, inventory inv: Inventory,
                            calculation calc: CalculationResult, categories: CategoryTable,
                            regions: RegionTree, threads: Int = 1) -> String {
        let unit = key.gas == .all ? "t CO2e (\(inv.gwpSet))" : "t \(key.gas)"
        let region = regions[key.region].map { "\($0.code) \($0.nameZH)" } ?? key.region
        var out = "\(region), \(key.year), scope \(key.scope), \(key.gas)\(key.extent == .own ? ", own rows only" : "")\n"
        func name(_ n: InventoryNode) -> String {
            guard case let .category(c) = n, let info = categories[c] else { return "TOTAL" }
            return "\(c) \(info.nameEN) \(info.nameZH)"
        }
        /// One line's text: its mass, activity rows, factors and formula.
        func line(_ i: Int, _ indent: String, into out: inout String) {
            let l = calc.describe(i), a = l.activity
            out += "\(indent)  line \(l.index): \(l.region) \(l.item) \(l.gas) \(DecimalFormat.readable(l.mass)) t"
                + " [\(l.scope)] (\(l.method))\n"
            out += "\(indent)    activity \(a.location): \(DecimalFormat.readable(a.value)) \(a.unit) = "
                + "\(DecimalFormat.readable(a.convertedValue)) \(a.convertedUnit); source: \(a.source)"
                + (a.facility.map { "; facility: \($0)" } ?? "") + "\n"
            for o in l.otherActivities {
                out += "\(indent)    activity \(o.location): \(DecimalFormat.readable(o.value)) \(o.unit)\n"
            }
            for f in l.factors {
                out += "\(indent)    factor \(f.parameter) \(DecimalFormat.readable(f.value)) \(f.unit) "
                    + "(\(f.set)@\(f.version) \(f.location)): \(f.source)"
                    + (f.lookupNote.map { "; \($0)" } ?? "") + "\n"
            }
            out += "\(indent)    \(DecimalFormat.readableText(l.formula))\n"
        }
        func walk(_ n: ExplanationNode, _ indent: String) {
            out += "\(indent)\(name(n.node)): \(DecimalFormat.readable(n.value)) \(unit)\n"
            // A province's category lists tens of thousands of lines: runs of them are written side by side and
            // joined in order (the text is the same whatever the thread count).
            let runs = Parallel.ranges(n.lines.count, parts: threads > 1 ? threads * 4 : 1)
            for text in Parallel.map(runs.count, threads: threads, { k in
                var text = ""
                for j in runs[k] { line(n.lines[j], indent, into: &text) }
                return text
            }) {
                out += text
            }
            for c in n.children { walk(c, indent + "  ") }
        }
        walk(root, "")
        return out
    }

    /// The same tree as JSON: each node with its value and children, each line with its full lineage. The text is
    /// what ``JSONValue/pretty`` writes for the document; with `threads` above 1, runs of a node's lines are written
    /// side by side and joined in order (the same text whatever the count).
    public static func json(_ root: ExplanationNode, key: InventoryKey, inventory inv: Inventory,
                            calculation calc: CalculationResult, threads: Int = 1) -> String {
        var all: [UInt8] = []
        writeJSON(root, key: key, inventory: inv, calculation: calc, threads: threads) { all.append(contentsOf: $0) }
        return String(decoding: all, as: UTF8.self)
    }

    /// ``json(_:key:inventory:calculation:threads:)`` handed to `emit` piece by piece, in order: what `ghg explain`
    /// writes to standard output as it goes, without joining tens of megabytes into one buffer first.
    public static func writeJSON(_ root: ExplanationNode, key: InventoryKey, inventory inv: Inventory,
                                 calculation calc: CalculationResult, threads: Int = 1,
                                 to emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var b: [UInt8] = []
        func flush() {
            b.withUnsafeBufferPointer(emit)
            b.removeAll(keepingCapacity: true)
        }
        func newline(_ level: Int) {
            b.append(0x0A)
            b.append(contentsOf: repeatElement(0x20, count: 2 * level))
        }
        func member(_ k: String, _ level: Int, first: Bool = false) {
            if !first { b.append(UInt8(ascii: ",")) }
            newline(level)
            JSONValue.string(k).appendPretty(to: &b, level: level)
            b.append(contentsOf: ": ".utf8)
        }
        // A node as `.object([category, value, lines, children])` writes it `level` deep.
        func node(_ n: ExplanationNode, _ level: Int) {
            b.append(UInt8(ascii: "{"))
            member("category", level + 1, first: true)
            JSONValue.string(n.node.description).appendPretty(to: &b, level: level + 1)
            member("value", level + 1)
            JSONValue.number(n.value).appendPretty(to: &b, level: level + 1)
            member("lines", level + 1)
            if n.lines.isEmpty {
                b.append(contentsOf: "[]".utf8)
            } else {
                b.append(UInt8(ascii: "["))
                flush()
                let runs = Parallel.ranges(n.lines.count, parts: threads > 1 ? threads * 4 : 1)
                let texts: [[UInt8]] = Parallel.map(runs.count, threads: threads) { k in
                    var text: [UInt8] = []
                    // Room for lines of the usual size (untouched capacity costs no memory).
                    text.reserveCapacity(runs[k].count * 1024)
                    for j in runs[k] {
                        if j > 0 { text.append(UInt8(ascii: ",")) }
                        text.append(0x0A)
                        text.append(contentsOf: repeatElement(0x20, count: 2 * (level + 2)))
                        OutputWriter.lineJSON(calc.describe(n.lines[j])).appendPretty(to: &text, level: level + 2)
                    }
                    return text
                }
                for text in texts { text.withUnsafeBufferPointer(emit) }
                newline(level + 1)
                b.append(UInt8(ascii: "]"))
            }
            member("children", level + 1)
            if n.children.isEmpty {
                b.append(contentsOf: "[]".utf8)
            } else {
                b.append(UInt8(ascii: "["))
                for (i, c) in n.children.enumerated() {
                    if i > 0 { b.append(UInt8(ascii: ",")) }
                    newline(level + 2)
                    node(c, level + 2)
                }
                newline(level + 1)
                b.append(UInt8(ascii: "]"))
            }
            newline(level)
            b.append(UInt8(ascii: "}"))
        }
        let head: [(String, JSONValue)] = [
            ("region", .string(key.region)), ("extent", .string(key.extent.rawValue)), ("year", .int(key.year)),
            ("scope", .string(key.scope.rawValue)), ("gas", .string(key.gas.description)),
            ("unit", .string(key.gas == .all ? "t CO2e" : "t")), ("gwp", .string(inv.gwpSet.rawValue)),
        ]
        b.append(UInt8(ascii: "{"))
        for (i, (k, v)) in head.enumerated() {
            member(k, 1, first: i == 0)
            v.appendPretty(to: &b, level: 1)
        }
        member("tree", 1)
        node(root, 1)
        newline(0)
        b.append(contentsOf: "}\n".utf8)
        flush()
    }
}
