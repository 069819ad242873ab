import GHGCharts

/// Chart outputs covering every chart kind and the edge cases, for the checks that apply to all of them.
enum Samples {
    /// Realistic input with Chinese labels, negative values, nils, markers, bands and dashes.
    static var regular: [(name: String, svg: String)] {
        let years = (2005...2023).map(String.init)
        let energy = Series(name: "能源活动 Energy", values: years.indices.map { 1200 + Double($0) * 35.5 })
        let industry = Series(name: "工业过程 IPPU", values: years.indices.map { $0 == 3 ? nil : 310 - Double($0) * 4 })
        let land = Series(name: "土地利用 LULUCF", values: years.indices.map { -150 - Double($0) })
        let counties = ["城区 Urban", "北县 North County", "南县 South County with a very long name indeed"]
        return [
            ("stackedColumns", Chart.stackedColumns(title: "排放 Emissions 2005–2023", categories: years,
                                                    series: [energy, industry, land], unit: "kt CO₂e",
                                                    markers: [Marker(category: "2005", label: "base year"),
                                                              Marker(category: "2020", label: "base year 2")])),
            ("horizontalBars", Chart.horizontalBars(title: "Change by county", labels: counties,
                                                    values: [12.5, -3.25, 1234.5], unit: "%")),
            ("stackedBars", Chart.stackedBars(title: "Counties", labels: counties,
                                              series: [Series(name: "Energy", values: [100, 50, 20]),
                                                       Series(name: "LULUCF", values: [-30, nil, -45])],
                                              unit: "kt CO₂e")),
            ("lineChart", Chart.lineChart(title: "Trajectory", lines: [
                Line(name: "Inventory", points: (2005...2023).map { Point(x: Double($0), y: 1500 - Double($0 - 2005) * 10) }),
                Line(name: "Projection", points: [Point(x: 2023, y: 1320), Point(x: 2030, y: 1100)], style: .dashed,
                     band: [BandPoint(x: 2023, low: 1300, high: 1340), BandPoint(x: 2030, low: 1000, high: 1200)]),
            ], unit: "kt CO₂e", xMarkers: [(x: 2005, label: "base year"), (x: 2030, label: "target")])),
            ("waterfall", Chart.waterfall(title: "2005 → 2023", start: Step(label: "2005", value: 1500),
                                          steps: [Step(label: "能源活动 Energy", value: 300),
                                                  Step(label: "土地利用 LULUCF", value: -120)],
                                          end: Step(label: "2023", value: 1680), unit: "kt CO₂e")),
        ]
    }

    /// Degenerate input that must neither crash nor print NaN or infinity.
    static var edgeCases: [(name: String, svg: String)] {
        [
            ("columns: no categories", Chart.stackedColumns(title: "t", categories: [], series: [Series(name: "A", values: [1])], unit: "u")),
            ("columns: no series", Chart.stackedColumns(title: "t", categories: ["2005"], series: [], unit: "u")),
            ("columns: all nil", Chart.stackedColumns(title: "t", categories: ["2005", "2006"], series: [Series(name: "A", values: [nil, nil])], unit: "u")),
            ("columns: all zero", Chart.stackedColumns(title: "t", categories: ["2005", "2006"], series: [Series(name: "A", values: [0, 0]), Series(name: "B", values: [0, 0])], unit: "u")),
            ("columns: one category", Chart.stackedColumns(title: "t", categories: ["2005"], series: [Series(name: "A", values: [42])], unit: "u")),
            ("columns: negative only", Chart.stackedColumns(title: "t", categories: ["a", "b"], series: [Series(name: "A", values: [-1, -2]), Series(name: "B", values: [-3, nil])], unit: "u")),
            ("columns: non-finite and huge", Chart.stackedColumns(title: "t", categories: ["a", "b", "c", "d"], series: [Series(name: "A", values: [.nan, .infinity, -.infinity, 1e300]), Series(name: "B", values: [1e300, -1e300, 5e-300, nil])], unit: "u")),
            ("columns: short values, unknown marker", Chart.stackedColumns(title: "t", categories: ["a", "b", "c"], series: [Series(name: "A", values: [1])], unit: "u", markers: [Marker(category: "zzz", label: "x")])),
            ("bars: empty", Chart.horizontalBars(title: "t", labels: [], values: [], unit: "u")),
            ("bars: all zero", Chart.horizontalBars(title: "t", labels: ["a", "b"], values: [0, 0], unit: "u")),
            ("bars: negative only", Chart.horizontalBars(title: "t", labels: ["a", "b"], values: [-0.004, -0.5], unit: "u")),
            ("bars: fewer values than labels, nan", Chart.horizontalBars(title: "t", labels: ["a", "b", "c"], values: [.nan, 3], unit: "u")),
            ("stacked bars: empty", Chart.stackedBars(title: "t", labels: [], series: [], unit: "u")),
            ("stacked bars: one label", Chart.stackedBars(title: "t", labels: ["a"], series: [Series(name: "A", values: [nil]), Series(name: "B", values: [-7])], unit: "u")),
            ("stacked bars: all zero", Chart.stackedBars(title: "t", labels: ["a"], series: [Series(name: "A", values: [0])], unit: "u")),
            ("line: no lines", Chart.lineChart(title: "t", lines: [], unit: "u")),
            ("line: empty line", Chart.lineChart(title: "t", lines: [Line(name: "L", points: [])], unit: "u")),
            ("line: one point", Chart.lineChart(title: "t", lines: [Line(name: "L", points: [Point(x: 2020, y: 5)])], unit: "u", xMarkers: [(x: 2020, label: "m"), (x: .nan, label: "n")])),
            ("line: one fractional point", Chart.lineChart(title: "t", lines: [Line(name: "L", points: [Point(x: 0.5, y: 0)])], unit: "u")),
            ("line: band only, negative", Chart.lineChart(title: "t", lines: [Line(name: "L", points: [], band: [BandPoint(x: 1, low: -3, high: -1), BandPoint(x: 2, low: -4, high: -2)])], unit: "u")),
            ("line: non-finite", Chart.lineChart(title: "t", lines: [Line(name: "L", points: [Point(x: .nan, y: 1), Point(x: 1, y: .infinity), Point(x: 2, y: 1e300)])], unit: "u")),
            ("waterfall: no steps", Chart.waterfall(title: "t", start: Step(label: "a", value: 10), steps: [], end: Step(label: "b", value: 10), unit: "u")),
            ("waterfall: zeros", Chart.waterfall(title: "t", start: Step(label: "a", value: 0), steps: [Step(label: "s", value: 0)], end: Step(label: "b", value: 0), unit: "u")),
            ("waterfall: non-finite", Chart.waterfall(title: "t", start: Step(label: "a", value: .nan), steps: [Step(label: "s", value: .infinity)], end: Step(label: "b", value: -1e300), unit: "u")),
        ]
    }
}
