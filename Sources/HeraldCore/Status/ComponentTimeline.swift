import Foundation

/// A component's status changing at one update of an incident.
package struct ComponentChange: Sendable, Hashable {
    /// The component's id.
    package var id: String
    /// Its status before the update.
    package var old: ComponentStatus
    /// Its status from the update on.
    package var new: ComponentStatus

    /// Creates a change.
    package init(id: String, old: ComponentStatus, new: ComponentStatus) {
        self.id = id
        self.old = old
        self.new = new
    }
}

/// A stretch of time in which an incident or maintenance held a component at one status.
package struct StatusSegment: Sendable, Hashable {
    /// When it began.
    package var start: Date
    /// When it ended, or nil while it goes on.
    package var end: Date?
    /// The component's status.
    package var status: ComponentStatus

    /// Creates a segment.
    package init(start: Date, end: Date?, status: ComponentStatus) {
        self.start = start
        self.end = end
        self.status = status
    }
}

/// How an incident's timeline moves its components' statuses: the one place pages, uptime, the
/// API and notify read it from.
///
/// - The front matter gives each component its status from the incident's start.
/// - An update's `Components:` line gives the named components new statuses from its time on;
///   the others keep theirs. A component first named there joins the incident then.
/// - While the incident is resolved, every component is operational; an update that reopens it
///   brings back the statuses last given.
/// - A notice holds none: it changes no status.
/// - A maintenance holds its components at their statuses (`under_maintenance` unless the front
///   matter says otherwise) while it is under way, by its updates: from its first `In progress`
///   or `Verifying` update to its `Completed` or `Cancelled` one. The clock posts those at the
///   window's start and end (`MaintenanceEvents`).
extension Incident {
    /// For each update, newest first like `updates`, the components whose shown status it changed,
    /// in the order of `components`.
    package var componentChanges: [[ComponentChange]] {
        var changes: [[ComponentChange]] = []
        var shown: [String: ComponentStatus] = [:]
        for state in componentStates() {
            let order = state.order
            changes.append(
                order.compactMap { id in
                    let old = shown[id] ?? .operational
                    let new = state.shown[id] ?? .operational
                    return old == new ? nil : ComponentChange(id: id, old: old, new: new)
                }
            )
            shown = state.shown
        }
        return changes.reversed()
    }

    /// The changes that pages and notifications show under each update, newest first like
    /// `updates`: `componentChanges` when the incident's updates state component statuses, except
    /// at its first update, whose statuses are the incident's affected components; none when only
    /// the front matter gives statuses.
    package var shownComponentChanges: [[ComponentChange]] {
        guard updates.contains(where: { !$0.components.isEmpty }) else {
            return Array(repeating: [], count: updates.count)
        }
        var changes = componentChanges
        if !changes.isEmpty { changes[changes.count - 1] = [] }
        return changes
    }

    /// The stretches of time in which the incident held `componentID` at a status other than
    /// operational, oldest first. The first starts at the incident's `started` time (or a
    /// maintenance's first `In progress`); the last one's `end` is nil while it goes on.
    package func segments(of componentID: String) -> [StatusSegment] {
        var segments: [StatusSegment] = []
        for (offset, state) in componentStates().enumerated() {
            let time = offset == 0 && maintenance == nil ? min(started, state.time) : state.time
            let status = state.shown[componentID] ?? .operational
            if let last = segments.last, last.end == nil {
                if last.status == status { continue }
                segments[segments.count - 1].end = time
            }
            if status != .operational { segments.append(StatusSegment(start: time, end: nil, status: status)) }
        }
        return segments
    }

    /// The components the incident affects: those of the front matter, then those that updates'
    /// `Components:` lines add, each with the status it was last given (the status it has while
    /// the incident is open).
    package var components: [AffectedComponent] { statedComponents { $1 } }

    /// `components`, each with the worst status the incident gave it.
    package var worstComponents: [AffectedComponent] { statedComponents(combining: max) }

    /// The front matter's components, then those the updates add, oldest update first, with each
    /// stated status combined into the one before.
    private func statedComponents(
        combining combine: (ComponentStatus, ComponentStatus) -> ComponentStatus
    ) -> [AffectedComponent] {
        guard updates.contains(where: { !$0.components.isEmpty }) else { return initialComponents }
        var result = initialComponents
        for update in updates.reversed() {
            for stated in update.components {
                if let position = result.firstIndex(where: { $0.id == stated.id }) {
                    result[position].status = combine(result[position].status, stated.status)
                } else {
                    result.append(stated)
                }
            }
        }
        return result
    }

    /// The components' shown statuses after each update, oldest first.
    private func componentStates() -> [ComponentState] {
        var stated: [String: ComponentStatus] = [:]
        var order: [String] = []
        for component in initialComponents {
            stated[component.id] = component.status
            order.append(component.id)
        }
        var holds = false
        var states: [ComponentState] = []
        states.reserveCapacity(updates.count)
        for update in updates.reversed() {
            for component in update.components {
                if stated.updateValue(component.status, forKey: component.id) == nil { order.append(component.id) }
            }
            if notice != nil {
                holds = false
            } else if maintenance != nil {
                switch update.status {
                case .inProgress, .verifying: holds = true
                case .completed, .cancelled: holds = false
                default: break
                }
            } else {
                switch update.status {
                case .resolved: holds = false
                case .update, .postmortem: holds = holds || states.isEmpty
                default: holds = true
                }
            }
            states.append(ComponentState(time: update.time, shown: holds ? stated : [:], order: order))
        }
        return states
    }
}

/// The components' statuses an incident shows after one of its updates.
private struct ComponentState {
    var time: Date
    var shown: [String: ComponentStatus]
    var order: [String]
}
