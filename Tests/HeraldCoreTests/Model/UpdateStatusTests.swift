import Foundation
import Testing

@testable import HeraldCore

/// Status words as the commands and the Statuspage import read them, and API times.
struct UpdateStatusTests {
    @Test(arguments: [
        ("resolved", UpdateStatus.resolved), ("RESOLVED", .resolved), ("In progress", .inProgress),
        ("in progress", .inProgress), ("in_progress", .inProgress), ("postmortem", .postmortem),
    ])
    func aWordNamesItsStatusInAnyCaseWithUnderscoresForSpaces(word: String, status: UpdateStatus) {
        #expect(UpdateStatus(word: word) == status)
    }

    @Test(arguments: ["", "resolve", "in-progress", "inprogress", "in  progress"])
    func anyOtherWordNamesNone(word: String) {
        #expect(UpdateStatus(word: word) == nil)
    }

    @Test func apiTimesReadWithAndWithoutFractions() {
        #expect(Timestamp.apiTime("2026-11-26T15:40:00.250Z")?.timeIntervalSince1970 == 1_795_707_600.25)
        #expect(Timestamp.apiTime("2026-11-26T16:40:00+01:00")?.timeIntervalSince1970 == 1_795_707_600)
        #expect(Timestamp.apiTime("2026-11-26 15:40 UTC") == nil)
    }
}
