import Foundation

/// `maintenance.ics`: every scheduled maintenance as an RFC 5545 event, for calendar
/// subscriptions. Times are UTC; each event's UID comes from its slug and the site's host, so a
/// calendar updates the event in place. SEQUENCE counts the maintenance's updates, so moving a
/// window together with an `Update` that says so raises it, and so does a `Cancelled` update,
/// which also marks the event `STATUS:CANCELLED`.
///
/// The site's calendar (`maintenance.ics`) has every maintenance; a component's
/// (`components/<id>/maintenance.ics`) only those that affect it, so that a customer's calendar
/// shows only the windows of what they use. An event has the same UID in both.
struct MaintenanceCalendar: Sendable {
    let site: Site
    /// The component whose maintenance the calendar holds; every maintenance when nil.
    var component: Component? = nil

    /// The calendar text, with CRLF line endings and lines folded at 75 octets.
    func ics() -> String {
        let host = site.config.url.host ?? "herald"
        let name =
            component.map { "\(site.config.title): \($0.name) maintenance" } ?? "\(site.config.title): maintenance"
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Herald//Status site//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name),
        ]
        for incident in site.incidents {
            guard let window = incident.maintenance else { continue }
            if let component, !incident.components.contains(where: { $0.id == component.id }) { continue }
            let stamp = incident.updates.first?.time ?? window.start
            let description = incident.latestUpdate?.markdown ?? ""
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape("\(incident.slug)@\(host)"),
                "DTSTAMP:" + Self.basic(stamp),
                "DTSTART:" + Self.basic(window.start),
                "DTEND:" + Self.basic(window.end),
                "SEQUENCE:\(max(0, incident.updates.count - 1))",
                "SUMMARY:" + Self.escape(incident.title),
                "DESCRIPTION:" + Self.escape(description),
                "URL:" + site.config.absoluteURL("incidents/\(incident.slug)/"),
                incident.updates.contains { $0.status == .cancelled } ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261206T020000Z`.
    static func basic(_ date: Date) -> String {
        Timestamp.compactUTC(date)
    }

    /// RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            case "\r": break
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                    scalar.value < 0x20 && scalar != "\t"
                {
                    continue
                }
                result.append(character)
            }
        }
        return result
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let length = String(character).utf8.count
            if count + length > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += length
        }
        return result
    }
}
