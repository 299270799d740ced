import Foundation

extension Incident {
    /// The status the site shows for the incident at `now`, the same on its pages, in the API, in
    /// `embed.js` and in notifications: a maintenance's stage by the clock and its updates; an open
    /// incident's latest status-setting update; a closed one `resolved`, or `postmortem` once
    /// the postmortem is posted; a notice `notice`.
    package func displayedStatus(at now: Date) -> UpdateStatus {
        if notice != nil { return .notice }
        if let stage = maintenanceStatus(at: now) { return stage }
        if isOpen { return status }
        return status == .postmortem ? .postmortem : .resolved
    }
}
