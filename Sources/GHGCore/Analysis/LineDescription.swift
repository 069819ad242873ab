/// The activity row behind a line, as a person reads it.
public struct ActivityReference: Hashable, Sendable {
    /// Where the row is.
    public var location: InputLocation
    /// The value as given.
    public var value: Double
    /// The unit as given.
    public var unit: String
    /// The value in base units.
    public var convertedValue: Double
    /// The base unit.
    public var convertedUnit: String
    /// The data source the row cites.
    public var source: String
    /// The facility (企业名称) the row names, if any.
    public var facility: String?

    /// The reference of a row of a table.
    public init(_ table: ActivityTable, row: Int) {
        location = table.location(row)
        value = table.value[row]
        unit = table.unitOf(row)?.symbol ?? ""
        convertedValue = table.baseValue(row)
        convertedUnit = table.unitOf(row)?.baseSymbol ?? ""
        source = table.sourceOf(row)
        facility = table.facilityOf(row)
    }
}

/// A factor row used by a line, as a person reads it.
public struct FactorReference: Hashable, Sendable {
    /// The row's id in its library.
    public var id: FactorRowID
    /// The parameter.
    public var parameter: FactorParameter
    /// The item.
    public var item: String
    /// The set id.
    public var set: String
    /// The set version.
    public var version: String
    /// Where the row is.
    public var location: InputLocation
    /// The value as given.
    public var value: Double
    /// The unit as given.
    public var unit: String
    /// The value in base units (what the formula uses).
    public var baseValue: Double
    /// The base unit.
    public var baseUnit: String
    /// The row's citation.
    public var source: String
    /// The row's note (UNVERIFIED markers).
    public var note: String
    /// How the project's factor_lookup changed the query, if it did.
    public var lookupNote: String?

    /// The reference of a row of a library.
    public init(_ library: FactorLibrary, id: FactorRowID, lookupNote: String?) {
        let row = library.row(id), info = library.set(of: id)
        self.id = id
        parameter = row.parameter
        item = row.item
        set = info.id
        version = info.version
        location = row.location
        value = row.value
        unit = row.unit.symbol
        baseValue = row.baseValue
        baseUnit = row.unit.baseSymbol
        source = row.source
        note = row.note
        self.lookupNote = lookupNote
    }

    /// `grid_ef 0.5617 tCO2/MWh (china-grid@1.0.0 EmissionFactors/china-grid/grid_ef.csv:16)`.
    public var summary: String { "\(parameter) \(DecimalFormat.string(value)) \(unit) (\(set)@\(version) \(location))" }
}

/// One line made readable: where it lands, its activity rows, its factors and its formula with numbers. Built only
/// when a person reads a line (explain, lineage, audit); the kernel never needs it.
public struct LineDescription: Sendable {
    /// The line's index in canonical order.
    public var index: Int
    /// Region code.
    public var region: String
    /// Year.
    public var year: Int
    /// Leaf category.
    public var category: CategoryCode
    /// The activity row's item.
    public var item: String
    /// Gas.
    public var gas: Gas
    /// Scope.
    public var scope: EmissionScope
    /// Mass in t.
    public var mass: Double
    /// The method.
    public var method: ActivityKind
    /// The formula's name (the route taken).
    public var formulaName: String
    /// The activity row.
    public var activity: ActivityReference
    /// The other rows of a group line, in row order.
    public var otherActivities: [ActivityReference]
    /// The factors, by formula slot.
    public var factors: [FactorReference]
    /// The formula with numbers.
    public var formula: String
}

extension CalculationResult {
    /// The template of a line.
    public func template(of line: Int) -> LineTemplate { plan.lineTemplates[Int(lines.template[line])] }

    /// The formula of a line.
    public func formula(of line: Int) -> Formula { MethodRegistry.formulas[Int(template(of: line).formula)] }

    /// The inventory year a line counts in: its row's year, or its group's (a stock difference between surveys
    /// counts in each inventory year between them).
    @inlinable public func year(ofLine line: Int) -> Int {
        let g = lines.group[line]
        return g < 0 ? Int(table.year[Int(lines.row[line])]) : Int(plan.groupLines[Int(g)].year)
    }

    /// The values a line's formula is rendered from.
    public func renderValues(of line: Int, factorValues: [Double]? = nil) -> FormulaRenderer.Values {
        let t = template(of: line), r = Int(lines.row[line])
        let values = factorValues ?? factors.baseValues
        var inputs: [(role: Int, weight: Double, value: Double, unit: String, label: String)] = []
        if lines.group[line] >= 0 {
            for i in plan.groupLines[Int(lines.group[line])].inputs {
                inputs.append((i.role, i.weight, i.value(table),
                               i.row < 0 ? i.constantUnit : table.unitOf(Int(i.row))?.baseSymbol ?? "", i.label))
            }
        }
        return FormulaRenderer.Values(
            activity: (table.baseValue(r), table.unitOf(r)?.baseSymbol ?? ""),
            factors: t.factors.map { (values[Int($0)], factors.row($0).unit.baseSymbol) },
            inputs: inputs, gas: t.gas.rawValue, category: t.category.description, source: table.sourceOf(r))
    }

    /// A line made readable.
    public func describe(_ line: Int) -> LineDescription {
        let t = template(of: line), r = Int(lines.row[line])
        let f = formula(of: line)
        var others: [ActivityReference] = []
        if lines.group[line] >= 0 {
            var seen: Set<Int32> = [Int32(r)]
            for input in plan.groupLines[Int(lines.group[line])].inputs where input.row >= 0 {
                if seen.insert(input.row).inserted { others.append(ActivityReference(table, row: Int(input.row))) }
            }
        }
        return LineDescription(
            index: lines.canonical(line), region: table.regionOf(r), year: year(ofLine: line), category: t.category,
            item: table.itemOf(r), gas: t.gas, scope: t.scope, mass: lines.mass[line], method: t.method,
            formulaName: f.name, activity: ActivityReference(table, row: r), otherActivities: others,
            factors: zip(t.factors, t.lookupNotes).map { FactorReference(factors, id: $0, lookupNote: $1) },
            formula: FormulaRenderer.render(f, renderValues(of: line)))
    }
}
