import Foundation

/// The site's settings from `herald.yml`.
package struct SiteConfig: Sendable, Hashable {
    /// The page's title, such as "Acme Cloud Status".
    package var title: String
    /// One sentence about the page, used in feeds and the description meta tag.
    package var description: String
    /// The absolute base URL the site is published at, always ending in `/`.
    package var url: URL
    /// The zone times are shown in, and read in when a heading has none.
    package var timeZone: TimeZone
    /// The zone's name as herald.yml gives it, for readers ("Times are shown in UTC.") and the
    /// API: Foundation on Linux names the UTC zone "GMT".
    package var timeZoneName: String
    /// The page's language (BCP 47).
    package var language: String
    /// The components in display order.
    package var components: [Component]
    /// Where `herald notify` posts new updates.
    package var notify: [NotifyTarget]
    /// The folder, relative to the site's root, whose files override the default theme's files
    /// of the same path (`theme:` in herald.yml), if any.
    package var theme: String?
    /// The brand colour and logo (`brand:` in herald.yml), if any.
    package var brand: Brand?

    /// Creates a configuration.
    package init(
        title: String,
        description: String = "",
        url: URL,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        timeZoneName: String? = nil,
        language: String = "en",
        components: [Component],
        theme: String? = nil,
        brand: Brand? = nil,
        notify: [NotifyTarget] = []
    ) {
        self.title = title
        self.description = description
        self.url = url
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName ?? (timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier)
        self.language = language
        self.components = components
        self.notify = notify
        self.theme = theme
        self.brand = brand
    }

    /// The URL path of the site's root, such as `/` or `/status/`.
    package var basePath: String {
        let path = url.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// An absolute URL for a path relative to the site root.
    package func absoluteURL(_ relativePath: String) -> String {
        url.absoluteString + relativePath
    }
}

/// A part of the product whose status the page shows.
package struct Component: Sendable, Hashable {
    /// The stable id used in incident files and URLs.
    package var id: String
    /// The name customers read.
    package var name: String
    /// What the component is, for customers.
    package var description: String
    /// The group the component is shown in, if any.
    package var group: String?
    /// The day the component's history starts, if known.
    package var since: Date?
    /// The 0-based display position from `herald.yml`.
    package var position: Int

    /// Creates a component.
    package init(
        id: String,
        name: String,
        description: String = "",
        group: String? = nil,
        since: Date? = nil,
        position: Int
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.group = group
        self.since = since
        self.position = position
    }
}
