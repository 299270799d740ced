import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// `uptime.json` and `uptime.csv`: the fixture in both, read back as a spreadsheet or a
/// program would, and the two files agree row for row.
struct UptimeExportTests {
    static func export() throws -> (UptimeExport, Site) {
        var site = try ComponentTimelineTests.site([ComponentTimelineTests.fixture])
        // A name with a comma and a quote must be quoted in the CSV.
        site.config.components[1].name = "Payments, \"cards\""
        // A line break, CRLF included, must be quoted too.
        site.config.components[0].name = "API\r\nv2"
        let history = UptimeHistory(site: site, uptime: Uptime(site: site, index: SiteIndex(site: site)))
        return (UptimeExport(site: site, history: history), site)
    }

    /// Splits RFC 4180 text into rows of fields.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }

    @Test func theCSVHasOneRowPerComponentAndMonthWithTheFixturesSeconds() throws {
        let (export, _) = try Self.export()
        let text = export.csv()
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let rows = Self.parseCSV(text)
        #expect(rows.first == UptimeExport.csvColumns)
        let body = rows.dropFirst()
        #expect(body.allSatisfy { $0.count == UptimeExport.csvColumns.count })
        // Three components without `since`: their history starts with the month of the first of
        // the 90 days of the bars (August 24), which is earlier than the site's one incident.
        let months = ["2026-08", "2026-09", "2026-10", "2026-11"]
        #expect(
            body.map { "\($0[0]) \($0[2])" }
                == ["api", "payments", "billing-emails"].flatMap { id in months.map { "\(id) \($0)" } })
        let payments = try #require(body.first { $0[0] == "payments" && $0[2] == "2026-11" })
        let named = Dictionary(uniqueKeysWithValues: zip(UptimeExport.csvColumns, payments))
        #expect(named["component_name"] == "Payments, \"cards\"")
        #expect(named["downtime_seconds"] == "1740")
        #expect(named["major_outage_seconds"] == "1200")
        #expect(named["partial_outage_seconds"] == "1800")
        #expect(named["degraded_performance_seconds"] == "2400")
        #expect(named["under_maintenance_seconds"] == "0")
        #expect(named["incidents"] == "1")
        // 20 days measured (November 1 in Berlin to the site's clock, the last midnight):
        // 1 − 1740 / 1 728 000, rounded down.
        #expect(named["measured_seconds"] == "1728000")
        #expect(named["uptime_percent"] == "99.89")
        let api = try #require(body.first { $0[0] == "api" })
        #expect(api[1] == "API\r\nv2")
        #expect(api[3] == "100.00")
        #expect(api[4] == String(31 * 86_400))
    }

    @Test func theJSONHasTheSameFiguresAsTheCSVWithYearsAndTotals() throws {
        let (export, site) = try Self.export()
        let files = try export.files()
        #expect(files.map(\.path) == ["uptime.json", "uptime.csv"])
        let data = try #require(files.first?.data)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["time_zone"] as? String == "Europe/Berlin")
        #expect(json["measured_until"] as? String == Timestamp.iso8601(site.asOf))
        #expect(
            (json["weights"] as? [String: Double]) == [
                "major_outage": 1, "partial_outage": 0.3, "degraded_performance": 0,
            ])
        let components = try #require(json["components"] as? [[String: Any]])
        let rows = Self.parseCSV(export.csv()).dropFirst()
        var compared = 0
        for component in components {
            let id = try #require(component["id"] as? String)
            #expect(component["history_start"] as? String == "2026-08-01")
            #expect(component.keys.contains("since"))
            for month in try #require(component["months"] as? [[String: Any]]) {
                let row = try #require(rows.first { $0[0] == id && $0[2] == month["period"] as? String })
                let named = Dictionary(uniqueKeysWithValues: zip(UptimeExport.csvColumns, row))
                let seconds = try #require(month["seconds_by_status"] as? [String: Int])
                #expect(named["measured_seconds"] == (month["measured_seconds"] as? Int).map(String.init))
                #expect(named["downtime_seconds"] == (month["downtime_seconds"] as? Int).map(String.init))
                #expect(named["major_outage_seconds"] == seconds["major_outage"].map(String.init))
                #expect(named["partial_outage_seconds"] == seconds["partial_outage"].map(String.init))
                #expect(named["degraded_performance_seconds"] == seconds["degraded_performance"].map(String.init))
                #expect(named["under_maintenance_seconds"] == seconds["under_maintenance"].map(String.init))
                #expect(named["incidents"] == (month["incidents"] as? Int).map(String.init))
                let percent = try #require(month["uptime_percent"] as? Double)
                #expect(named["uptime_percent"].flatMap(Double.init) == percent)
                compared += 1
            }
            let years = try #require(component["years"] as? [[String: Any]])
            #expect(years.map { $0["period"] as? String } == ["2026"])
            let total = try #require(component["total"] as? [String: Any])
            #expect(total["period"] == nil)
            #expect(total["downtime_seconds"] as? Int == years.first?["downtime_seconds"] as? Int)
        }
        #expect(compared == 12)
    }

    @Test func aMonthWithNothingMeasuredHasNoPercentage() throws {
        // The component's history starts today at the clock's very instant: nothing measured.
        let now = "2026-11-26T23:00:00Z"
        let (_, site) = UptimeTests.uptime([], now: now, days: 90, since: now)
        let history = UptimeHistory(site: site, uptime: Uptime(site: site, index: SiteIndex(site: site)))
        let export = UptimeExport(site: site, history: history)
        let row = try #require(Self.parseCSV(export.csv()).last)
        #expect(row[2] == "2026-11")
        #expect(row[3] == "")
        #expect(row[4] == "0")
        let data = try JSONOutput.encode(export.document())
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"uptime_percent\" : null"))
    }

    /// A second of partial outage weighs 0.3 s: every file shows it as a whole second, never as 0
    /// beside an uptime below 100 %.
    @Test func anyDowntimeShowsAsAtLeastASecondInTheExportAndTheAPI() throws {
        let blip = UptimeTests.incident(
            "blip", .partialOutage, from: "2026-11-10T10:00:00Z", to: "2026-11-10T10:00:01Z")
        let (_, site) = UptimeTests.uptime([blip], now: "2026-11-27T09:00:00Z", days: 90)
        let index = SiteIndex(site: site)
        let uptime = Uptime(site: site, index: index)
        let export = UptimeExport(site: site, history: UptimeHistory(site: site, uptime: uptime))
        let november = try #require(Self.parseCSV(export.csv()).last)
        #expect(november[2] == "2026-11")
        #expect(november[3] == "99.99")
        #expect(november[5] == "1")
        #expect(november[7] == "1")
        let api = StatuspageAPI(site: site, index: index, status: SiteStatus(site: site), uptime: uptime)
        let components = try #require(try api.files().first { $0.path == "api/v2/components.json" })
        let object = try JSONSerialization.jsonObject(with: components.data)
        let document = try #require(object as? [String: Any])
        let component = try #require(
            (document["components"] as? [[String: Any]])?.first { $0["id"] as? String == "api" })
        let periods = try #require(component["herald_uptime"] as? [String: [String: Any]])
        for name in ["last_30_days", "last_90_days"] {
            #expect(periods[name]?["downtime_seconds"] as? Int == 1, "\(name)")
            #expect(periods[name]?["uptime_percent"] as? Double == 99.99, "\(name)")
        }
    }
}
