import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

struct SiteStatusTests {
    func incident(
        _ slug: String,
        impact: Impact,
        components: [AffectedComponent],
        statuses: [UpdateStatus]
    ) -> Incident {
        let updates = statuses.enumerated().map { offset, status in
            IncidentUpdate(
                status: status,
                time: Fixture.now.addingTimeInterval(TimeInterval(-3600 + offset * 60)),
                html: "",
                markdown: ""
            )
        }
        return Incident(
            slug: slug,
            title: slug,
            impact: impact,
            components: components,
            updates: updates,
            sourcePath: "incidents/\(slug).md"
        )
    }

    @Test func aQuietSiteIsAllOperational() {
        let status = SiteStatus(site: Site(config: Fixture.config, incidents: [], now: Fixture.now))
        #expect(status.indicator == .none)
        #expect(status.indicator.description == "All Systems Operational")
        #expect(Fixture.config.components.allSatisfy { status.status(of: $0.id) == .operational })
    }

    @Test func eachComponentShowsTheWorstStatusOfItsOpenIncidents() {
        let incidents = [
            incident(
                "a",
                impact: .minor,
                components: [.init(id: "payments", status: .degradedPerformance)],
                statuses: [.investigating]
            ),
            incident(
                "b",
                impact: .major,
                components: [
                    .init(id: "payments", status: .partialOutage), .init(id: "api", status: .degradedPerformance),
                ],
                statuses: [.investigating, .monitoring]
            ),
            incident(
                "c",
                impact: .critical,
                components: [.init(id: "billing-emails", status: .majorOutage)],
                statuses: [.investigating, .resolved]
            ),
        ]
        let status = SiteStatus(site: Site(config: Fixture.config, incidents: incidents, now: Fixture.now))
        #expect(status.status(of: "payments") == .partialOutage)
        #expect(status.status(of: "api") == .degradedPerformance)
        #expect(status.status(of: "billing-emails") == .operational)
        #expect(status.indicator == .major)
        #expect(status.indicator.description == "Partial System Outage")
        #expect(status.openIncidents.count == 2)
    }

    @Test(arguments: [
        (Impact.none, ComponentStatus.degradedPerformance, Indicator.minor),
        (.minor, .degradedPerformance, .minor),
        (.critical, .degradedPerformance, .critical),
        (.minor, .majorOutage, .critical),
        (.none, .operational, .none),
    ])
    func theIndicatorIsTheWorstOfImpactAndComponents(impact: Impact, component: ComponentStatus, expected: Indicator) {
        let open = incident(
            "x", impact: impact, components: [.init(id: "api", status: component)], statuses: [.identified])
        let status = SiteStatus(site: Site(config: Fixture.config, incidents: [open], now: Fixture.now))
        #expect(status.indicator == expected)
    }
}

/// The words pages, feeds and the API use for update statuses.
struct UpdateStatusWordTests {
    /// `apiValue` is spelled out per case for speed; it must stay the heading word lowercased
    /// with `_` for spaces, which class names, feeds and themes rely on.
    @Test(arguments: UpdateStatus.allCases)
    func theAPIWordIsTheHeadingWordLowercasedWithUnderscores(_ status: UpdateStatus) {
        #expect(status.apiValue == status.rawValue.lowercased().replacingOccurrences(of: " ", with: "_"))
    }

    @Test func aCancelledMaintenanceReadsAsCompletedToStatuspageClients() {
        #expect(UpdateStatus.cancelled.statuspageValue == "completed")
        #expect(UpdateStatus.inProgress.statuspageValue == "in_progress")
    }
}
