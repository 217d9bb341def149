import Domain

/// A trend of satisfaction by week or month as inline SVG written here (no library, no
/// script): the rate as a solid line with square markers, its Wilson 95% interval as a
/// grey band, the target as a dashed line. Each point's value is also in a table behind a
/// `<details>`, the chart has a title and a description, and it reads in black and white:
/// line styles and labels, never colour alone, tell its parts apart.
struct TrendChart: Sendable {
    struct Point: Sendable {
        /// Under the axis: `T11`, `W48`.
        let shortLabel: String
        /// In the table: the period's full name.
        let label: String
        /// Nil when the cell is suppressed (below the minimum n) or empty: a gap in the line.
        let rate: Double?
        let low: Double?
        let high: Double?
        let n: Int
        /// The table's text for the cell: a rate with interval, or "chưa đủ mẫu".
        let text: String
    }

    let id: String
    let title: String
    let description: String
    let points: [Point]
    let target: Double
    let targetLabel: String
    let tableCaption: String
    let tableHeaders: [String]
    let detailsLabel: String

    // The drawing's own units; the SVG scales to its box (a phone's 320 px and a printed page alike).
    private static let width = 360.0
    private static let height = 220.0
    private static let left = 40.0
    // Room for half of the last period's label, centred under its point.
    private static let right = 16.0
    private static let top = 10.0
    private static let bottom = 30.0

    /// The lowest value on the axis: a multiple of 10 at or under every point and the
    /// target, so the band and the target line both show.
    var floor: Double {
        let lowest = ([target] + points.compactMap { $0.low ?? $0.rate }).min() ?? 0
        return Swift.min(90, Swift.max(0, (lowest / 10).rounded(.down) * 10))
    }

    func x(_ index: Int) -> Double {
        let span = Self.width - Self.left - Self.right
        guard points.count > 1 else { return Self.left + span / 2 }
        return Self.left + span * Double(index) / Double(points.count - 1)
    }

    func y(_ value: Double) -> Double {
        let span = Self.height - Self.top - Self.bottom
        return Self.top + span * (100 - value) / (100 - floor)
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    func write(into html: inout HTML) {
        html.open("figure", .class("chart"))
        html.open(
            "svg", .fixed("xmlns", "http://www.w3.org/2000/svg"), .attr("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"),
            .fixed("role", "img"), .attr("aria-labelledby", "\(id)-t \(id)-d"), .fixed("preserveAspectRatio", "xMidYMid meet"))
        html.element("title", .id("\(id)-t"), text: title)
        html.element("desc", .id("\(id)-d"), text: description)
        writeAxes(into: &html)
        writeBand(into: &html)
        // The target: dashed, labelled in words.
        let targetY = Self.number(y(target))
        html.element(
            "line", .attr("x1", Self.number(Self.left)), .attr("x2", Self.number(Self.width - Self.right)), .attr("y1", targetY),
            .attr("y2", targetY), .class("target"), text: "")
        html.element(
            "text", .attr("x", Self.number(Self.width - Self.right - 2)), .attr("y", Self.number(y(target) - 3)), .fixed("text-anchor", "end"),
            .class("tl"), text: targetLabel)
        writeLine(into: &html)
        html.close("svg")
        html.close("figure")
        html.open("details", .class("chartdata"))
        html.element("summary", text: detailsLabel)
        Components.table(
            caption: tableCaption, headers: tableHeaders, rows: points.map { [.text($0.label), .text($0.text), .text(String($0.n))] }, into: &html)
        html.close("details")
    }

    private func writeAxes(into html: inout HTML) {
        var value = floor
        while value <= 100 {
            let lineY = Self.number(y(value))
            html.element(
                "line", .attr("x1", Self.number(Self.left)), .attr("x2", Self.number(Self.width - Self.right)), .attr("y1", lineY),
                .attr("y2", lineY), .class("grid"), text: "")
            html.element(
                "text", .attr("x", Self.number(Self.left - 4)), .attr("y", Self.number(y(value) + 4)), .fixed("text-anchor", "end"),
                .class("ax"), text: Self.number(value) + "%")
            value += 10
        }
        // Label as many periods as fit (about one per 36 units of width), counted back from the latest.
        let step = Swift.max(1, Int((Double(points.count) * 36 / (Self.width - Self.left)).rounded(.up)))
        for (index, point) in points.enumerated() where (points.count - 1 - index) % step == 0 {
            html.element(
                "text", .attr("x", Self.number(x(index))), .attr("y", Self.number(Self.height - Self.bottom + 16)), .fixed("text-anchor", "middle"),
                .class("ax"), text: point.shortLabel)
        }
    }

    /// The interval as one polygon per run of points with a value.
    private func writeBand(into html: inout HTML) {
        for run in runs() where run.count > 0 {
            var upper: [String] = []
            var lower: [String] = []
            for index in run {
                guard let low = points[index].low, let high = points[index].high else { continue }
                // A single point's band is a short bar, so it still shows.
                let dx = run.count == 1 ? 4.0 : 0
                upper.append("\(Self.number(x(index) - dx)),\(Self.number(y(high)))")
                if dx > 0 { upper.append("\(Self.number(x(index) + dx)),\(Self.number(y(high)))") }
                lower.insert("\(Self.number(x(index) - dx)),\(Self.number(y(low)))", at: 0)
                if dx > 0 { lower.insert("\(Self.number(x(index) + dx)),\(Self.number(y(low)))", at: 0) }
            }
            guard !upper.isEmpty else { continue }
            html.element("polygon", .attr("points", (upper + lower).joined(separator: " ")), .class("band"), text: "")
        }
    }

    private func writeLine(into html: inout HTML) {
        for run in runs() where run.count > 1 {
            let path = run.compactMap { index in points[index].rate.map { "\(Self.number(x(index))),\(Self.number(y($0)))" } }
            html.element("polyline", .attr("points", path.joined(separator: " ")), .class("rate"), text: "")
        }
        for (index, point) in points.enumerated() {
            guard let rate = point.rate else { continue }
            html.element(
                "rect", .attr("x", Self.number(x(index) - 3)), .attr("y", Self.number(y(rate) - 3)), .fixed("width", "6"), .fixed("height", "6"),
                .class("pt"), text: "")
        }
    }

    /// Consecutive indices of points that have a rate: a suppressed point breaks the line.
    private func runs() -> [[Int]] {
        var runs: [[Int]] = [[]]
        for (index, point) in points.enumerated() {
            if point.rate == nil {
                if !(runs.last?.isEmpty ?? true) { runs.append([]) }
            } else {
                runs[runs.count - 1].append(index)
            }
        }
        return runs.filter { !$0.isEmpty }
    }
}
