import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

struct IncidentEditorTests {
    func editor(at root: URL, now: String) throws -> IncidentEditor {
        let date = try TimeParser(timeZone: .gmt).parse(now).get()
        return try IncidentEditor.load(root: root, now: date)
    }

    @Test func newWritesFrontMatterAndAFirstUpdateInTheSiteZone() throws {
        let root = try Fixture.copyOfSample()
        let editor = try editor(at: root, now: "2026-11-27T10:14:00Z")
        let path = try editor.create(
            title: "Login errors: \"SSO\" users",
            impact: "major",
            components: ["login", "api"],
            status: "investigating",
            message: "We're looking into it.\r\n\r\n"
        )
        #expect(path == "incidents/2026-11-27-login-errors-sso-users.md")
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        #expect(
            text == """
                ---
                title: "Login errors: \\"SSO\\" users"
                impact: major
                components:
                  login: partial_outage
                  api: partial_outage
                ---

                ## Investigating — 2026-11-27 11:14 +01:00

                We're looking into it.

                """
        )
        let incident = try #require(
            IncidentParser(config: editor.config, now: editor.now).parse(SourceFile(path: path, text: text)).incident)
        #expect(incident.title == "Login errors: \"SSO\" users")
        #expect(incident.started == editor.now)
    }

    @Test func newAnnouncesAScheduledMaintenance() throws {
        let root = try Fixture.copyOfSample()
        let editor = try editor(at: root, now: "2026-11-27T10:14:00Z")
        let path = try editor.create(
            title: "Search index rebuild",
            impact: nil,
            components: ["api"],
            status: "scheduled",
            message: "We will rebuild the search index.",
            window: ("2026-12-10 01:00 UTC", "2026-12-10T03:00:00+01:00")
        )
        // Named by the day the window opens in the site's zone, not the day it was announced.
        #expect(path == "incidents/2026-12-10-search-index-rebuild.md")
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        #expect(
            text == """
                ---
                title: "Search index rebuild"
                maintenance:
                  start: "2026-12-10 01:00 UTC"
                  end: "2026-12-10T03:00:00+01:00"
                components:
                  api: under_maintenance
                ---

                ## Scheduled — 2026-11-27 11:14 +01:00

                We will rebuild the search index.

                """
        )
        let incident = try #require(
            IncidentParser(config: editor.config, now: editor.now).parse(SourceFile(path: path, text: text)).incident
        )
        #expect(incident.maintenanceStatus(at: editor.now) == .scheduled)
        #expect(incident.maintenance.map { $0.end.timeIntervalSince($0.start) } == 3600)
        // An end before the start is refused, and nothing is written.
        #expect(throws: IncidentEditor.Failure.self) {
            try editor.create(
                title: "Backwards",
                impact: nil,
                components: [],
                status: "scheduled",
                message: "x",
                window: ("2026-12-10 02:00 UTC", "2026-12-10 01:00 UTC")
            )
        }
        #expect(
            !FileManager.default.fileExists(
                atPath: root.appendingPathComponent("incidents/2026-11-27-backwards.md").path))
    }

    @Test func newPostsANoticeThatUpdatesTakeAndResolveDoesNot() throws {
        let root = try Fixture.copyOfSample()
        let editor = try editor(at: root, now: "2026-11-27T10:14:00Z")
        let path = try editor.create(
            title: "New status page address",
            impact: nil,
            components: [],
            status: "notice",
            message: "We move to status.example.com.",
            notice: (until: "2026-12-31 00:00", embed: true)
        )
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        #expect(
            text == """
                ---
                title: "New status page address"
                notice:
                  until: "2026-12-31 00:00"
                  embed: true
                ---

                ## Notice — 2026-11-27 11:14 +01:00

                We move to status.example.com.

                """)
        let plain = try editor.create(
            title: "Webhook retries", impact: nil, components: ["webhooks"], status: "notice", message: "More retries.",
            notice: (until: nil, embed: false))
        let plainText = try String(contentsOf: root.appendingPathComponent(plain), encoding: .utf8)
        #expect(plainText.hasPrefix("---\ntitle: \"Webhook retries\"\nnotice: true\ncomponents: [webhooks]\n---\n"))
        // Updates are taken as for any file (a notice is never "resolved", so needs no --force).
        let later = try self.editor(at: root, now: "2026-11-28T10:00:00Z")
        _ = try later.addUpdate(to: "webhook-retries", status: "update", message: "Live now.", force: false)
        #expect(throws: IncidentEditor.Failure.self) {
            try later.addUpdate(to: "webhook-retries", status: "resolved", message: "x", force: true)
        }
    }

    @Test func newRefusesToOverwriteAndRejectsUnknownValues() throws {
        let root = try Fixture.copyOfSample()
        let editor = try editor(at: root, now: "2026-11-27T10:14:00Z")
        _ = try editor.create(title: "Outage", impact: "minor", components: [], status: "investigating", message: "a")
        #expect(throws: IncidentEditor.Failure.self) {
            try editor.create(title: "Outage", impact: "minor", components: [], status: "investigating", message: "b")
        }
        do {
            _ = try editor.create(
                title: "Other", impact: "minor", components: ["paymnets"], status: "investigating", message: "c")
            Issue.record("accepted an unknown component")
        } catch {
            #expect(error.diagnostics.first?.suggestion == "did you mean 'payments'?")
        }
        #expect(
            !FileManager.default.fileExists(atPath: root.appendingPathComponent("incidents/2026-11-27-other.md").path))
    }

    /// Reopening a resolved incident with --force is allowed, with a warning `herald check` shows;
    /// with --strict that warning refuses the edit, and the file is left as it was.
    @Test func strictRefusesAnEditThatLeavesAWarning() throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2025-04-08-sign-in-outage.md"
        let before = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let date = try TimeParser(timeZone: .gmt).parse("2026-11-27T09:30:00Z").get()

        let strict = try IncidentEditor.load(root: root, now: date, strict: true)
        do {
            _ = try strict.addUpdate(to: "sign-in-outage", status: "investigating", message: "Again.", force: true)
            Issue.record("--strict reopened a resolved incident despite the warning")
        } catch {
            #expect(error.diagnostics.map(\.severity) == [.error])
            #expect(
                error.diagnostics.first?.message
                    == "'Investigating' update after 'Resolved' reopens the incident; check its time;"
                    + " --strict makes this warning an error")
        }
        #expect(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) == before)

        let lenient = try IncidentEditor.load(root: root, now: date)
        #expect(
            try lenient.addUpdate(to: "sign-in-outage", status: "investigating", message: "Again.", force: true) == path
        )
        #expect(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) != before)
    }

    @Test func updateAddsASectionAboveTheNewestAndChangesNoOtherByte() throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-11-27-delayed-payments.md"
        let before = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let editor = try editor(at: root, now: "2026-11-27T09:30:00Z")
        #expect(
            try editor.addUpdate(to: "delayed-payments", status: "monitoring", message: "Still watching.", force: false)
                == path)
        let after = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let inserted = "## Monitoring — 2026-11-27 10:30 +01:00\n\nStill watching.\n\n"
        let position = try #require(before.range(of: "## Monitoring — 2026-11-27 08:50 UTC"))
        #expect(after == String(before[..<position.lowerBound]) + inserted + String(before[position.lowerBound...]))

        let incident = try #require(
            IncidentParser(config: editor.config, now: editor.now).parse(SourceFile(path: path, text: after)).incident)
        #expect(incident.updates.count == 4)
        #expect(incident.latestUpdate?.markdown == "Still watching.")
    }

    @Test func updateWritesTheComponentsLineThatSetsStatusesFromThen() throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-11-27-delayed-payments.md"
        let before = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let editor = try editor(at: root, now: "2026-11-27T09:30:00Z")
        _ = try editor.addUpdate(
            to: "delayed-payments", status: "identified", message: "Payouts are late too.",
            components: ["payments=major_outage", "payouts=degraded-performance"], force: false)
        let after = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let inserted =
            "## Identified — 2026-11-27 10:30 +01:00\nComponents: payments=major_outage, payouts=degraded_performance\n\n"
            + "Payouts are late too.\n\n"
        let position = try #require(before.range(of: "## Monitoring — 2026-11-27 08:50 UTC"))
        #expect(after == String(before[..<position.lowerBound]) + inserted + String(before[position.lowerBound...]))
        let incident = try #require(
            IncidentParser(config: editor.config, now: editor.now).parse(SourceFile(path: path, text: after)).incident)
        #expect(incident.latestUpdate?.markdown == "Payouts are late too.")
        #expect(
            incident.components == [
                AffectedComponent(id: "payments", status: .majorOutage),
                AffectedComponent(id: "billing-emails", status: .degradedPerformance),
                AffectedComponent(id: "payouts", status: .degradedPerformance),
            ])

        // Mistakes are reported together, with the values expected, and nothing is written.
        #expect {
            try editor.addUpdate(
                to: "delayed-payments", status: "update", message: "x",
                components: ["paymnts=major", "api"], force: false)
        } throws: { error in
            let messages = (error as? IncidentEditor.Failure)?.diagnostics.map(\.message) ?? []
            return messages == [
                "unknown component 'paymnts'", "unknown component status 'major'",
                "'api' gives no status; write <component>=<status>, such as payments=major_outage",
            ]
        }
        #expect(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) == after)
        // A maintenance's components are under maintenance while it runs.
        #expect(throws: IncidentEditor.Failure.self) {
            try editor.addUpdate(
                to: "payment-provider-migration", status: "update", message: "x",
                components: ["payments=major_outage"], force: false)
        }
    }

    @Test func aMaintenanceTakesUpdatesUntilItIsCompletedOrCancelled() throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-12-06-payment-provider-migration.md"
        let before = try editor(at: root, now: "2026-11-28T10:00:00Z")
        // Upcoming: a maintenance is never "open", but it still takes updates.
        _ = try before.addUpdate(to: path, status: "update", message: "Still on.", force: false)
        let during = try editor(at: root, now: "2026-12-06T02:10:00Z")
        _ = try during.addUpdate(to: path, status: "In Progress", message: "Started.", force: false)
        let calledOff = try editor(at: root, now: "2026-12-06T02:20:00Z")
        _ = try calledOff.addUpdate(to: path, status: "cancelled", message: "Called off.", force: false)
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let incident = try #require(
            IncidentParser(config: calledOff.config, now: calledOff.now).parse(SourceFile(path: path, text: text))
                .incident)
        #expect(incident.updates.map(\.status) == [.cancelled, .inProgress, .update, .scheduled])
        #expect(incident.maintenanceStatus(at: calledOff.now) == .cancelled)
        // Once cancelled (or completed), only --force adds more.
        let later = try editor(at: root, now: "2026-12-06T02:30:00Z")
        do {
            _ = try later.addUpdate(to: path, status: "update", message: "x", force: false)
            Issue.record("a cancelled maintenance took an update without --force")
        } catch {
            #expect(
                error.diagnostics.map(\.message) == [
                    "the maintenance is already cancelled; add --force to update it anyway"
                ])
        }
        _ = try later.addUpdate(to: path, status: "update", message: "Rescheduling soon.", force: true)
        // The sample's completed maintenance is finished too.
        #expect(throws: IncidentEditor.Failure.self) {
            try later.addUpdate(to: "2026-10-18-database-upgrade", status: "update", message: "x", force: false)
        }
    }

    @Test func resolveEndsTheIncidentAndRefusesToRepeatWithoutForce() throws {
        let root = try Fixture.copyOfSample()
        let editor = try editor(at: root, now: "2026-11-27T10:00:00Z")
        _ = try editor.addUpdate(to: "2026-11-27-delayed-payments", status: "resolved", message: "Done.", force: false)
        let path = "incidents/2026-11-27-delayed-payments.md"
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let incident = try #require(
            IncidentParser(config: editor.config, now: editor.now).parse(SourceFile(path: path, text: text)).incident)
        #expect(!incident.isOpen)
        let later = try self.editor(at: root, now: "2026-11-27T10:05:00Z")
        #expect(throws: IncidentEditor.Failure.self) {
            try later.addUpdate(to: path, status: "update", message: "x", force: false)
        }
        _ = try later.addUpdate(to: path, status: "postmortem", message: "What happened.", force: false)
        let forced = try self.editor(at: root, now: "2026-11-27T10:10:00Z")
        _ = try forced.addUpdate(to: path, status: "update", message: "forced", force: true)
        let final = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        #expect(final.components(separatedBy: "\n## ").count == 7)
    }

    @Test func anUpdateThatWouldBreakTheFileIsRefused() throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-11-27-delayed-payments.md"
        let before = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let editor = try editor(at: root, now: "2026-11-27T09:30:00Z")
        // A level-2 heading in the message would read as an update heading without a time.
        #expect {
            try editor.addUpdate(
                to: "delayed-payments", status: "update", message: "## What we know\nMore soon.", force: false)
        } throws: { error in
            (error as? IncidentEditor.Failure)?.diagnostics.contains {
                $0.message.hasPrefix("'What we know' is not an update heading")
            } == true
        }
        #expect(throws: IncidentEditor.Failure.self) {
            try editor.addUpdate(to: "delayed-payments", status: "fixed", message: "x", force: false)
        }
        #expect(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) == before)
    }

    @Test func updatesInTheMinuteOfAnotherGetSecondsAndKeepTheirOwnAnchors() throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-11-27-delayed-payments.md"
        // 40 and 52 seconds after the newest update (08:50 UTC): the same minute.
        for (now, status) in [("2026-11-27T08:50:40Z", "identified"), ("2026-11-27T08:50:52Z", "monitoring")] {
            #expect(
                try editor(at: root, now: now).addUpdate(
                    to: "delayed-payments", status: status, message: "x", force: false) == path)
        }
        // The next minute is free again: minutes only.
        _ = try editor(at: root, now: "2026-11-27T08:51:07Z").addUpdate(
            to: "delayed-payments", status: "update", message: "y", force: false)
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.prefix(4)
        #expect(
            Array(headings) == [
                "## Update — 2026-11-27 09:51 +01:00",
                "## Monitoring — 2026-11-27 09:50:52 +01:00",
                "## Identified — 2026-11-27 09:50:40 +01:00",
                "## Monitoring — 2026-11-27 08:50 UTC",
            ])
        let site = try editor(at: root, now: "2026-11-27T09:00:00Z")
        let output = IncidentParser(config: site.config, now: site.now).parse(SourceFile(path: path, text: text))
        let incident = try #require(output.incident, "\(output.diagnostics)")
        #expect(
            incident.updates.prefix(4).map(\.anchor) == [
                "update-20261127T085100Z", "update-20261127T085052Z", "update-20261127T085040Z",
                "update-20261127T085000Z",
            ])
        #expect(Set(incident.updates.map(\.anchor)).count == incident.updates.count)
        #expect(incident.updates.first { $0.status != .update }?.status == .monitoring)
    }

    @Test func anUpdateInTheSecondOfAnotherIsRefusedWithTheOtherLine() throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-11-27-delayed-payments.md"
        let before = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let line =
            try #require(
                before.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                    $0 == "## Monitoring — 2026-11-27 08:50 UTC"
                }) + 1
        // 08:50 is 08:50:00: the very same second.
        let sameSecond = try editor(at: root, now: "2026-11-27T08:50:00Z")
        #expect {
            try sameSecond.addUpdate(to: "delayed-payments", status: "update", message: "x", force: false)
        } throws: { error in
            let diagnostics = (error as? IncidentEditor.Failure)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].location == SourceLocation(path: path, line: line)
                && diagnostics[0].message
                    == "the update on this line already has the time 2026-11-27 09:50:00 +01:00, and two updates"
                    + " cannot share a second; post this one a moment later, or give a later time with --now"
        }
        #expect(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) == before)
        // A second later is fine.
        let later = try editor(at: root, now: "2026-11-27T08:50:01Z")
        #expect(try later.addUpdate(to: "delayed-payments", status: "update", message: "x", force: false) == path)
    }

    @Test func newKeepsTheTitlesScriptInTheFileNameAndUpdatesFindItByItsURL() throws {
        let root = try Fixture.copyOfSample()
        let editor = try editor(at: root, now: "2026-11-27T10:14:00Z")
        let cases = [
            (
                "Störung: Zahlungen verzögert", "incidents/2026-11-27-störung-zahlungen-verzögert.md",
                "2026-11-27-storung-zahlungen-verzogert"
            ),
            (
                "ログインできない障害が発生しています", "incidents/2026-11-27-ログインできない障害が発生しています.md",
                "2026-11-27-" + Slug.hash("2026-11-27-ログインできない障害が発生しています")
            ),
            ("🔥🔥", "incidents/2026-11-27-\(Slug.hash("🔥🔥")).md", "2026-11-27-\(Slug.hash("🔥🔥"))"),
        ]
        for (title, expectedPath, slug) in cases {
            let path = try editor.create(
                title: title, impact: "minor", components: [], status: "investigating", message: "x")
            #expect(path == expectedPath)
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            let incident = try #require(
                IncidentParser(config: editor.config, now: editor.now).parse(SourceFile(path: path, text: text))
                    .incident)
            #expect(incident.slug == slug)
            #expect(incident.title == title)
            // `herald update` finds it by its URL's slug, with or without the date, and by its name.
            let later = try self.editor(at: root, now: "2026-11-27T10:20:00Z")
            #expect(try later.locate(slug) == path)
            #expect(try later.locate(String(path.dropFirst("incidents/".count).dropLast(3))) == path)
        }
        #expect(try editor.locate("storung-zahlungen-verzogert") == cases[0].1)
    }

    @Test(arguments: [
        ("delayed-paymnts", "did you mean 'delayed-payments'?"),
        ("2026-11-27-delayed-paymnts", "did you mean '2026-11-27-delayed-payments'?"),
        ("something-else-entirely", nil),
    ])
    func anUnknownIncidentSuggestsTheNearestSlug(reference: String, suggestion: String?) throws {
        let root = try Fixture.copyOfSample()
        let editor = try editor(at: root, now: "2026-11-27T09:30:00Z")
        #expect {
            try editor.locate(reference)
        } throws: { error in
            let diagnostic = (error as? IncidentEditor.Failure)?.diagnostics.first
            return diagnostic?.message.hasPrefix("no incident '\(reference)'") == true
                && diagnostic?.suggestion == suggestion
        }
    }

    @Test func messageTemplatesNameTheComponents() throws {
        let templates = try MessageTemplates.forSite(at: Fixture.repositoryRoot)
        #expect(templates.names.contains("partial-outage"))
        #expect(templates.names.contains("third-party"))
        let text = try #require(
            templates.render(
                "partial-outage", title: "T", components: ["Payments", "Payouts", "API <v2>"], impact: "major")
        )
        #expect(text.contains("Payments, Payouts and API <v2>"))
        #expect(templates.render("nope", title: "", components: [], impact: "") == nil)
    }
}
