import Foundation

/// `uptime.json` and `uptime.csv`: every component's uptime per month (and, in the JSON, per year
/// and over its whole history), the same figures as the `uptime/` page, for SLA reports and
/// spreadsheets. Seconds are rounded up to whole seconds (`Uptime.wholeSeconds`: any downtime
/// shows); percentages are rounded down to two decimals, as the pages show them.
struct UptimeExport: Sendable {
    let site: Site
    let history: UptimeHistory

    /// Both files.
    func files() throws -> [OutputFile] {
        [
            OutputFile(path: "uptime.json", data: try JSONOutput.encode(document())),
            OutputFile(path: "uptime.csv", text: csv()),
        ]
    }

    /// The columns of `uptime.csv`, in order.
    static let csvColumns = [
        "component", "component_name", "month", "uptime_percent", "measured_seconds", "downtime_seconds",
        "major_outage_seconds", "partial_outage_seconds", "degraded_performance_seconds",
        "under_maintenance_seconds", "incidents",
    ]

    /// One row per component and month, oldest month first, components in herald.yml's order;
    /// `uptime_percent` is empty for a month with no time measured. RFC 4180: CRLF line ends, and
    /// a field with a comma, quote or line break is quoted.
    func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for component in history.components {
            for month in component.months {
                let fields =
                    [component.id, component.name, month.key, month.ratio.map(Self.percentText) ?? ""]
                    + [month.measured, month.downtime].map(Uptime.wholeSeconds).map(String.init)
                    + Self.statusSeconds(month.seconds).map(String.init) + [String(month.incidents)]
                lines.append(fields.map(Self.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func document() -> Document {
        Document(
            components: history.components.map { component in
                ComponentFigures(
                    id: component.id,
                    name: component.name,
                    since: site.config.components.first { $0.id == component.id }?.since.map(Timestamp.iso8601),
                    historyStart: Self.dayText(component.start),
                    months: component.months.map(Self.period),
                    years: component.years.map(Self.period),
                    total: Self.period(component.total)
                )
            },
            measuredUntil: Timestamp.iso8601(site.asOf),
            timeZone: site.config.timeZoneName,
            weights: Dictionary(
                uniqueKeysWithValues: [ComponentStatus.majorOutage, .partialOutage, .degradedPerformance].map {
                    ($0.rawValue, Uptime.weight(of: $0))
                })
        )
    }

    /// `99.95` for 0.99957, `100.00` only for no downtime.
    static func percentText(_ ratio: Double) -> String {
        let hundredths = Uptime.hundredthsOfPercent(ratio)
        return "\(hundredths / 100).\(Timestamp.pad(hundredths % 100))"
    }

    /// Seconds at major outage, partial outage, degraded performance and under maintenance.
    static func statusSeconds(_ seconds: StatusSeconds) -> [Int] {
        [seconds.majorOutage, seconds.partialOutage, seconds.degradedPerformance, seconds.underMaintenance]
            .map(Uptime.wholeSeconds)
    }

    static func csvField(_ text: String) -> String {
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func dayText(_ day: Int) -> String {
        let (year, month, dayOfMonth) = CivilTime.civil(fromDays: day)
        return "\(Timestamp.pad(year, 4))-\(Timestamp.pad(month))-\(Timestamp.pad(dayOfMonth))"
    }

    static func period(_ period: UptimePeriod) -> Period {
        let seconds = statusSeconds(period.seconds)
        return Period(
            period: period.key.isEmpty ? nil : period.key,
            uptimePercent: period.ratio.map { Double(Uptime.hundredthsOfPercent($0)) / 100 },
            measuredSeconds: Uptime.wholeSeconds(period.measured),
            downtimeSeconds: Uptime.wholeSeconds(period.downtime),
            secondsByStatus: SecondsByStatus(
                majorOutage: seconds[0], partialOutage: seconds[1], degradedPerformance: seconds[2],
                underMaintenance: seconds[3]),
            incidents: period.incidents
        )
    }

    struct Document: Encodable {
        var components: [ComponentFigures]
        var measuredUntil: String
        var timeZone: String
        var weights: [String: Double]

        enum CodingKeys: String, CodingKey {
            case components, weights
            case measuredUntil = "measured_until"
            case timeZone = "time_zone"
        }
    }

    struct ComponentFigures: Encodable {
        var id: String
        var name: String
        @Nullable var since: String?
        var historyStart: String
        var months: [Period]
        var years: [Period]
        var total: Period

        enum CodingKeys: String, CodingKey {
            case id, name, since, months, years, total
            case historyStart = "history_start"
        }
    }

    struct Period: Encodable {
        /// `2026-11` or `2026`; absent for the whole history.
        var period: String?
        @Nullable var uptimePercent: Double?
        var measuredSeconds: Int
        var downtimeSeconds: Int
        var secondsByStatus: SecondsByStatus
        var incidents: Int

        enum CodingKeys: String, CodingKey {
            case period, incidents
            case uptimePercent = "uptime_percent"
            case measuredSeconds = "measured_seconds"
            case downtimeSeconds = "downtime_seconds"
            case secondsByStatus = "seconds_by_status"
        }
    }

    struct SecondsByStatus: Encodable {
        var majorOutage: Int
        var partialOutage: Int
        var degradedPerformance: Int
        var underMaintenance: Int

        enum CodingKeys: String, CodingKey {
            case majorOutage = "major_outage"
            case partialOutage = "partial_outage"
            case degradedPerformance = "degraded_performance"
            case underMaintenance = "under_maintenance"
        }
    }
}
