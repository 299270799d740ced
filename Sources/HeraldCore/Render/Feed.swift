import Foundation

/// A feed with one entry per update, so that a subscriber hears every update, not just every
/// incident. The same feed is written as RSS 2.0, Atom 1.0 and JSON Feed 1.1.
struct Feed: Sendable {
    /// One update as a feed entry.
    struct Entry: Sendable {
        /// The incident page's URL plus the update's anchor: stable across builds and title edits.
        var id: String
        /// `Delayed payment processing — Monitoring`.
        var title: String
        /// The update on the incident page.
        var url: String
        /// When the update was posted.
        var date: Date
        /// The update as HTML, after a line with its status, impact and affected components.
        var html: String
        /// The names of the affected components.
        var categories: [String]
    }

    /// The most entries a feed holds.
    static let limit = 50

    var title: String
    var description: String
    var language: String
    /// The page the feed belongs to (absolute).
    var homeURL: String
    /// Absolute URLs of the feed's three forms.
    var rssURL: String
    var atomURL: String
    var jsonURL: String
    /// The newest entry's date, or the build's clock for an empty feed.
    var updated: Date
    var entries: [Entry]

    /// The newest `limit` updates of the incidents at `indices`, newest first, with the words for
    /// statuses and impacts from `localization` (English, Statuspage's words, without one).
    static func entries(
        of indices: [Int],
        in site: Site,
        components: [String: Component],
        localization: Localization? = nil
    ) -> [Entry] {
        typealias Candidate = (incident: Int, update: Int, date: Date)
        // Newest first; ties broken by slug so the order never depends on the input order.
        func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
            a.date != b.date ? a.date > b.date : site.incidents[a.incident].slug < site.incidents[b.incident].slug
        }
        // Only the newest `limit` are kept while walking, rather than sorting every update of the
        // archive for each feed.
        var candidates: [Candidate] = []
        candidates.reserveCapacity(limit + 1)
        for index in indices {
            for (position, update) in site.incidents[index].updates.enumerated() {
                let candidate = (index, position, update.time)
                if candidates.count == limit, !precedes(candidate, candidates[limit - 1]) { continue }
                var low = 0
                var high = candidates.count
                while low < high {
                    let middle = (low + high) / 2
                    if precedes(candidates[middle], candidate) { low = middle + 1 } else { high = middle }
                }
                candidates.insert(candidate, at: low)
                if candidates.count > limit { candidates.removeLast() }
            }
        }
        let format = localization.map { DisplayFormat(timeZone: site.config.timeZone, localization: $0) }
        return candidates.map { candidate in
            let incident = site.incidents[candidate.incident]
            let update = incident.updates[candidate.update]
            let pageURL = site.config.absoluteURL("incidents/\(incident.slug)/")
            let names = incident.components.compactMap { components[$0.id]?.name }
            let status = localization?.string("update_status_\(update.status.apiValue)") ?? update.status.rawValue
            var header = "<p><strong>" + HTML.escape(status) + "</strong>"
            if let window = incident.maintenance {
                // A maintenance has no impact to state: its window is what a reader needs.
                let when =
                    format?.window(window) ?? Timestamp.iso8601(window.start) + " – " + Timestamp.iso8601(window.end)
                header += " · " + HTML.escape(localization?.string("scheduled_maintenance") ?? "Scheduled maintenance")
                header += ": " + HTML.escape(when)
            } else if let notice = incident.notice {
                // A notice states neither an impact nor a status: when it ends, if it does.
                if let until = notice.until {
                    let when = format?.dateTime(until) ?? Timestamp.iso8601(until)
                    header +=
                        " · " + HTML.escape(localization?.string("notice_until") ?? "Until") + " " + HTML.escape(when)
                }
            } else {
                let impact =
                    localization?.string("impact_\(incident.impact.rawValue)") ?? incident.impact.rawValue.capitalized
                header += " · " + HTML.escape(localization?.string("impact") ?? "Impact") + ": " + HTML.escape(impact)
            }
            if !names.isEmpty {
                let label = incident.notice == nil ? "affected" : "notice_concerns"
                header += " · " + HTML.escape(localization?.string(label) ?? "Affected:") + " "
                header += HTML.escape(names.joined(separator: ", "))
            }
            header += "</p>\n"
            return Entry(
                id: pageURL + "#" + update.anchor,
                title: incident.title + " \u{2014} " + status,
                url: pageURL + "#" + update.anchor,
                date: update.time,
                html: header + update.html,
                categories: names
            )
        }
    }

    /// RSS 2.0 with RFC 822 dates.
    func rss() -> String {
        var xml = XMLWriter()
        xml.open("rss", [("version", "2.0"), ("xmlns:atom", "http://www.w3.org/2005/Atom")])
        xml.open("channel")
        xml.element("title", title)
        xml.element("link", homeURL)
        xml.element("description", description.isEmpty ? title : description)
        xml.element("language", language)
        xml.element("lastBuildDate", Timestamp.rfc822(updated))
        xml.element("generator", "Herald")
        xml.empty("atom:link", [("href", rssURL), ("rel", "self"), ("type", "application/rss+xml")])
        for entry in entries {
            xml.open("item")
            xml.element("title", entry.title)
            xml.element("link", entry.url)
            xml.element("guid", entry.id, [("isPermaLink", "true")])
            xml.element("pubDate", Timestamp.rfc822(entry.date))
            for category in entry.categories { xml.element("category", category) }
            xml.element("description", entry.html)
            xml.close()
        }
        return xml.finish()
    }

    /// Atom 1.0 (RFC 4287).
    func atom() -> String {
        var xml = XMLWriter()
        xml.open("feed", [("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", language)])
        xml.element("id", atomURL)
        xml.element("title", title)
        if !description.isEmpty { xml.element("subtitle", description) }
        xml.element("updated", Timestamp.iso8601(updated))
        xml.empty("link", [("href", homeURL), ("rel", "alternate"), ("type", "text/html")])
        xml.empty("link", [("href", atomURL), ("rel", "self"), ("type", "application/atom+xml")])
        xml.open("author")
        xml.element("name", title)
        xml.element("uri", homeURL)
        xml.close()
        xml.element("generator", "Herald")
        for entry in entries {
            xml.open("entry")
            xml.element("id", entry.id)
            xml.element("title", entry.title)
            xml.element("updated", Timestamp.iso8601(entry.date))
            xml.element("published", Timestamp.iso8601(entry.date))
            xml.empty("link", [("href", entry.url), ("rel", "alternate"), ("type", "text/html")])
            for category in entry.categories { xml.empty("category", [("term", category)]) }
            xml.element("content", entry.html, [("type", "html")])
            xml.close()
        }
        return xml.finish()
    }

    /// JSON Feed 1.1, written with `JSONEncoder` (sorted keys).
    func json() throws -> Data {
        struct Document: Encodable {
            var version = "https://jsonfeed.org/version/1.1"
            var title: String
            var description: String?
            var homePageURL: String
            var feedURL: String
            var language: String
            var authors: [Author]
            var items: [Item]

            enum CodingKeys: String, CodingKey {
                case version, title, description, language, authors, items
                case homePageURL = "home_page_url"
                case feedURL = "feed_url"
            }
        }
        struct Author: Encodable {
            var name: String
            var url: String
        }
        struct Item: Encodable {
            var id: String
            var url: String
            var title: String
            var contentHTML: String
            var datePublished: String
            var dateModified: String
            var tags: [String]?

            enum CodingKeys: String, CodingKey {
                case id, url, title, tags
                case contentHTML = "content_html"
                case datePublished = "date_published"
                case dateModified = "date_modified"
            }
        }
        let document = Document(
            title: title,
            description: description.isEmpty ? nil : description,
            homePageURL: homeURL,
            feedURL: jsonURL,
            language: language,
            authors: [Author(name: title, url: homeURL)],
            items: entries.map {
                Item(
                    id: $0.id,
                    url: $0.url,
                    title: $0.title,
                    contentHTML: $0.html,
                    datePublished: Timestamp.iso8601($0.date),
                    dateModified: Timestamp.iso8601($0.date),
                    tags: $0.categories.isEmpty ? nil : $0.categories
                )
            }
        )
        return try JSONOutput.encode(document)
    }
}

/// Herald's JSON style: sorted keys, pretty-printed, slashes unescaped, a final newline; bulk
/// exports (`encodeList`) are the same without the indentation.
package enum JSONOutput {
    package static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// `{"<listKey>":[items…],"page":page}` on one line with sorted keys, built one item at a
    /// time: JSONEncoder holds a whole value's tree while it writes, which for the thousands of
    /// incidents of `incidents/all.json` took more memory than the rest of a build. Compact, as a
    /// bulk export is read by programs: a third smaller and faster to write than indented.
    ///
    /// - Parameters:
    ///   - listKey: The list's key; it must sort before `page`, as sorted keys put it first.
    ///   - items: The list; a lazy sequence is read one item at a time.
    ///   - page: The `page` object.
    package static func encodeList<Items: Sequence>(_ listKey: String, _ items: Items, page: some Encodable) throws
        -> Data where Items.Element: Encodable
    {
        precondition(listKey < "page", "the list's key must sort before 'page'")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data("{\"\(listKey)\":[".utf8)
        for (position, item) in items.enumerated() {
            if position > 0 { data.append(UInt8(ascii: ",")) }
            data.append(try encoder.encode(item))
        }
        data.append(contentsOf: Array("],\"page\":".utf8))
        data.append(try encoder.encode(page))
        data.append(contentsOf: Array("}\n".utf8))
        return data
    }
}

/// Escaping for HTML built outside templates.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
