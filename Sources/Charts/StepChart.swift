/// A step-function curve over a numeric time axis, e.g. a Kaplan–Meier survival curve.
///
/// Each point holds from its time until the next point's time (drawn as horizontal then vertical
/// segments); the last step extends to the latest point or censoring time. An optional band is
/// drawn as a shaded step polygon. Censoring times get a short vertical tick (class `censor`)
/// on the curve at the value holding at that time (one tick per distinct time).
public struct StepChart: Sendable {
    public struct Point: Sendable {
        public var time: Double
        public var value: Double
        public var band: Interval?

        public init(time: Double, value: Double, band: Interval? = nil) {
            self.time = time
            self.value = value
            self.band = band
        }
    }

    public struct Series: Sendable {
        public var name: String
        /// Steps, in any order (sorted by time when drawn; equal times keep their order).
        public var points: [Point]
        /// Times at which subjects left observation without the event.
        public var censored: [Double]

        public init(name: String, points: [Point], censored: [Double] = []) {
            self.name = name
            self.points = points
            self.censored = censored
        }
    }

    public var title: String
    public var idPrefix: String
    public var series: [Series]
    public var format: ValueFormat
    /// Name of the time unit: x-axis title and the table's first column ("Day").
    public var timeTitle: String
    public var includeZero: Bool
    public var width: Double = 640
    public var height: Double = 300

    public init(title: String, idPrefix: String, series: [Series], format: ValueFormat = .percent(decimals: 1),
                timeTitle: String = "Day", includeZero: Bool = true) {
        self.title = title
        self.idPrefix = idPrefix
        self.series = series
        self.format = format
        self.timeTitle = timeTitle
        self.includeZero = includeZero
    }

    /// Finite points sorted by time (stable).
    func steps(_ series: Series) -> [Point] {
        series.points.enumerated()
            .filter { $0.element.time.isFinite && $0.element.value.isFinite }
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    /// Distinct finite censoring times, ascending.
    func censorTimes(_ series: Series) -> [Double] {
        var result: [Double] = []
        for time in series.censored.filter(\.isFinite).sorted() where result.last != time { result.append(time) }
        return result
    }

    /// The value holding at `time`: the last step at or before it (the first step before any).
    static func value(at time: Double, in steps: [Point]) -> Double? {
        steps.last { $0.time <= time }?.value ?? steps.first?.value
    }

    public func render() -> ChartOutput {
        var document = ChartDocument(idPrefix: idPrefix, kind: "step", title: title, summary: summary(),
                                     width: width, height: height)
        var values: [Double] = []
        var times: [Double] = [0]
        for s in series {
            for point in steps(s) {
                values.append(point.value)
                times.append(point.time)
                if let band = point.band, band.lower.isFinite, band.upper.isFinite { values += [band.lower, band.upper] }
            }
            times += censorTimes(s)
        }
        let yScale = NiceScale(covering: values, includeZero: includeZero, minimumStep: format.finestStep)
        let yLabels = format.axisLabels(for: yScale)
        let xScale = NiceScale(covering: times, includeZero: true, maxTicks: 8, minimumStep: 1)
        let xLabels = ValueFormat.plain(decimals: 0).axisLabels(for: xScale)
        let legendEntries = series.count > 1
            ? series.enumerated().map { LegendEntry(name: $0.element.name, classes: seriesClass($0.offset), mark: .line) }
            : []
        let left = Axis.labelMargin(yLabels)
        let legendHeight = Legend.height(legendEntries, width: width - left - 16)
        let plot = PlotArea(left: left, top: 12 + legendHeight + (legendHeight > 0 ? 6 : 0), right: width - 20,
                            bottom: height - 40)
        let y = LinearScale(yScale, range: (plot.bottom, plot.top))
        let x = LinearScale(xScale, range: (plot.left, plot.right))

        var body = Markup()
        Legend.draw(&body, legendEntries, left: plot.left, top: 6, width: plot.width)
        Axis.drawValueAxis(&body, scale: yScale, labels: yLabels, y: y, plot: plot)
        body.open("g", [("class", "axis axis-x")])
        body.empty("line", [("class", "axis-line"), ("x1", coord(plot.left)), ("x2", coord(plot.right)),
                            ("y1", coord(plot.bottom)), ("y2", coord(plot.bottom))])
        for (index, tick) in xScale.ticks.enumerated() {
            body.empty("line", [("class", "tick"), ("x1", coord(x(tick))), ("x2", coord(x(tick))),
                                ("y1", coord(plot.bottom)), ("y2", coord(plot.bottom + 4))])
            body.element("text", [("class", "tick-label"), ("x", coord(x(tick))), ("y", coord(plot.bottom + 16)),
                                  ("text-anchor", "middle")], xLabels[index])
        }
        body.element("text", [("class", "axis-title"), ("x", coord(plot.right)), ("y", coord(plot.bottom + 32)),
                              ("text-anchor", "end")], timeTitle)
        body.close("g")

        for (seriesIndex, s) in series.enumerated() {
            let points = steps(s)
            guard let first = points.first, let last = points.last else { continue }
            let endTime = max(last.time, censorTimes(s).last ?? last.time)
            // Band: step polygons over maximal runs of points that have a band.
            var band = PathData()
            var run: [(time: Double, interval: Interval, until: Double)] = []
            func flush() {
                guard !run.isEmpty else { return }
                var upper: [(x: Double, y: Double)] = []
                var lower: [(x: Double, y: Double)] = []
                for step in run {
                    upper += [(x(step.time), y(step.interval.upper)), (x(step.until), y(step.interval.upper))]
                    lower += [(x(step.time), y(step.interval.lower)), (x(step.until), y(step.interval.lower))]
                }
                band.polygon(upper + lower.reversed())
                run = []
            }
            for (index, point) in points.enumerated() {
                let until = index + 1 < points.count ? points[index + 1].time : endTime
                if let interval = point.band, interval.lower.isFinite, interval.upper.isFinite {
                    run.append((point.time, interval, until))
                } else {
                    flush()
                }
            }
            flush()
            if !band.isEmpty { body.empty("path", [("class", "band " + seriesClass(seriesIndex)), ("d", band.d)]) }

            var line = PathData()
            line.move(x(first.time), y(first.value))
            for point in points.dropFirst() {
                line.horizontal(x(point.time))
                line.vertical(y(point.value))
            }
            line.horizontal(x(endTime))
            body.empty("path", [("class", "line step " + seriesClass(seriesIndex)), ("d", line.d), ("fill", "none")])

            var ticks = PathData()
            for time in censorTimes(s) {
                guard let value = StepChart.value(at: time, in: points) else { continue }
                ticks.move(x(time), y(value) - 4)
                ticks.vertical(y(value) + 4)
            }
            if !ticks.isEmpty { body.empty("path", [("class", "censor " + seriesClass(seriesIndex)), ("d", ticks.d)]) }
        }
        document.body = body
        return ChartOutput(svg: document.svg, table: table())
    }

    private func timeText(_ time: Double) -> String {
        // Whole days stay whole; fractional times keep up to two decimals.
        time == time.rounded() ? ValueFormat.plain(decimals: 0).format(time) : DecimalText.coordinate(time)
    }

    func summary() -> String {
        guard series.contains(where: { !steps($0).isEmpty }) else { return title + ": no data." }
        var parts: [String] = []
        for s in series {
            let points = steps(s)
            let censored = s.censored.filter(\.isFinite).count
            var text = series.count > 1 ? s.name + ": " : ""
            if let first = points.first, let last = points.last {
                text += format.format(first.value) + " at " + timeTitle.lowercased() + " " + timeText(first.time)
                if points.count > 1 {
                    text += " to " + format.format(last.value) + " at " + timeTitle.lowercased() + " " + timeText(last.time)
                }
            } else {
                text += "no data"
            }
            text += ", " + "\(censored) censored"
            parts.append(text)
        }
        return parts.isEmpty ? title + ": no data." : title + ": " + parts.joined(separator: "; ") + "."
    }

    func table() -> String {
        // Each series' steps sorted once; one cursor per series walks them as the times ascend.
        let sorted = series.map(steps)
        let banded = sorted.map { points in points.contains { $0.band != nil } }
        var columns = [timeTitle]
        for (s, hasBand) in zip(series, banded) {
            columns.append(s.name)
            if hasBand { columns += [s.name + " (lower)", s.name + " (upper)"] }
        }
        var times: [Double] = []
        for time in sorted.flatMap({ $0.map(\.time) }).sorted() where times.last != time { times.append(time) }
        let censoredTotals = series.map { $0.name + " " + "\($0.censored.filter(\.isFinite).count)" }
        var table = DataTable(caption: title + (series.isEmpty ? "" : " (censored: " + censoredTotals.joined(separator: ", ") + ")"),
                              columns: columns)
        // Per series: how many of its steps are at or before the current time.
        var reached = [Int](repeating: 0, count: series.count)
        for time in times {
            var cells: [DataTable.Cell] = []
            for k in series.indices {
                let points = sorted[k]
                while reached[k] < points.count && points[reached[k]].time <= time { reached[k] += 1 }
                let holding = reached[k] > 0 ? points[reached[k] - 1] : nil
                cells.append(.init(text: holding.map { format.format($0.value) } ?? DataTable.missing))
                if banded[k] {
                    cells.append(.init(text: holding?.band.map { format.format($0.lower) } ?? DataTable.missing))
                    cells.append(.init(text: holding?.band.map { format.format($0.upper) } ?? DataTable.missing))
                }
            }
            table.rows.append(.init(header: timeText(time), cells: cells))
        }
        return table.html
    }
}
