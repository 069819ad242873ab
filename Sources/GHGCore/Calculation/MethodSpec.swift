/// What a method accepts, as data the calculator checks before the method plans anything (DESIGN §6).
///
/// A row is checked against its method's spec once per signature (category, item, unit) and once per row (sign):
/// the category must lie under one of `categoryPrefixes`, the item must be in the vocabulary with one of
/// `itemKinds`, the unit must have one of `dimensions`, and the value must be non-negative unless
/// `allowsNegative` (or the row's technology is one of `negativeTechnologies`).
public struct MethodSpec: Sendable {
    /// The activity kind.
    public var activity: ActivityKind
    /// Categories the rows may report under (each with its subtree); empty = any category.
    public var categoryPrefixes: [CategoryCode]
    /// Unit dimensions an activity value may have.
    public var dimensions: [PhysicalDimension]
    /// Item kinds the row's item may have; nil = the method checks items itself (a gas for `direct_emission`).
    public var itemKinds: [ItemKind]?
    /// Whether negative values are meaningful (net exports).
    public var allowsNegative: Bool
    /// Technologies whose rows may be negative (a fuel balance's stock change).
    public var negativeTechnologies: Set<String>
    /// The factor parameters the method may look up for the row's item (a lookup that may depend on the region
    /// makes rows of different regions plan separately).
    public var parameters: [FactorParameter]
    /// Parameters looked up for a fixed item (`density` of `methane`).
    public var fixedItemParameters: [(FactorParameter, String)]
    /// Values of the `technology` column that are not factor keys but say something about the row (the direction
    /// of `clinker_trade`: `import`, `export`): factor lookups ignore them, and the method reads them as
    /// ``RowPlanner/direction``.
    public var directions: Set<String>
    /// Whether the rows form a series whose years need not be inventory years (forest surveys, waste deposited in
    /// earlier years): a row's year may be any year up to the last inventory year, and the method makes lines for
    /// inventory years only (methods.md, "Series methods").
    public var series: Bool
    /// Parameters looked up for items other than the row's, chosen at planning (the components of bulk MSW): rows
    /// of different regions plan separately when any of their rows is region-specific.
    public var crossItemParameters: [FactorParameter]

    /// Creates a spec.
    public init(_ activity: ActivityKind, categories: [String], dimensions: [PhysicalDimension],
                itemKinds: [ItemKind]?, allowsNegative: Bool = false, negativeTechnologies: Set<String> = [],
                parameters: [FactorParameter], fixedItemParameters: [(FactorParameter, String)] = [],
                directions: Set<String> = [], series: Bool = false, crossItemParameters: [FactorParameter] = []) {
        self.directions = directions
        self.crossItemParameters = crossItemParameters
        self.series = series
        self.activity = activity
        categoryPrefixes = categories.compactMap(CategoryCode.init)
        precondition(categoryPrefixes.count == categories.count, "malformed category in the spec of \(activity)")
        self.dimensions = dimensions
        self.itemKinds = itemKinds
        self.allowsNegative = allowsNegative
        self.negativeTechnologies = negativeTechnologies
        self.parameters = parameters
        self.fixedItemParameters = fixedItemParameters
    }
}
