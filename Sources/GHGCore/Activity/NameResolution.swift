/// A name an activity file wrote that the vocabulary resolved to an id: a Chinese item name (`原煤` → `raw_coal`) or
/// activity name (`燃料燃烧` → `fuel_combustion`). The lineage records each, so that a row is traceable to what was
/// written as well as to what was computed.
public struct NameAlias: Hashable, Sendable {
    /// The column.
    public var field: ActivityField
    /// The text as written.
    public var written: String
    /// The id it stands for.
    public var resolved: String
}

extension ActivityTable {
    /// Resolves the items and activity kinds written by their Chinese (or English) names to their ids, in place,
    /// and returns what was resolved, sorted. A name shared by several items is left as written, so that the
    /// calculator reports it with the candidates.
    ///
    /// - Complexity: O(*s*) over the distinct names, plus O(*n*) over the rows when a name and its id both occur.
    public mutating func resolveNames(items: ItemCatalog) -> [NameAlias] {
        var aliases: [NameAlias] = []
        // Items.
        var itemMap: [Int32: Int32] = [:]
        var itemIndex: [String: Int32] = [:]
        for (i, name) in symbols.items.enumerated() { itemIndex[name] = Int32(i) }
        for (i, name) in symbols.items.enumerated() where items[name] == nil {
            let ids = items.ids(named: name)
            guard ids.count == 1 else { continue }
            aliases.append(NameAlias(field: .item, written: name, resolved: ids[0]))
            if let j = itemIndex[ids[0]] {
                itemMap[Int32(i)] = j
            } else {
                symbols.items[i] = ids[0]
                itemIndex[ids[0]] = Int32(i)
            }
        }
        if !itemMap.isEmpty {
            for r in item.indices { if let j = itemMap[item[r]] { item[r] = j } }
        }
        // Activity kinds.
        var kindMap: [Int32: Int32] = [:]
        var kindIndex: [ActivityKind: Int32] = [:]
        for (i, kind) in symbols.activities.enumerated() { kindIndex[kind] = Int32(i) }
        for (i, kind) in symbols.activities.enumerated() where MethodRegistry.methods[kind] == nil {
            guard let resolved = ActivityKind.byName[kind.rawValue] else { continue }
            aliases.append(NameAlias(field: .activity, written: kind.rawValue, resolved: resolved.rawValue))
            if let j = kindIndex[resolved] {
                kindMap[Int32(i)] = j
            } else {
                symbols.activities[i] = resolved
                kindIndex[resolved] = Int32(i)
            }
        }
        if !kindMap.isEmpty {
            for r in activity.indices { if let j = kindMap[activity[r]] { activity[r] = j } }
        }
        return aliases.sorted { ($0.field.description, $0.written) < ($1.field.description, $1.written) }
    }
}
