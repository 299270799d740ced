import Foundation

/// The JSON shapes of the Statuspage-compatible API, as Statuspage's v2 API documents them:
/// written by the build and read back by `herald notify` (a previous `incidents.json`).
///
/// Statuspage always sends some keys, with `null` where there is no value: those are `@Nullable`.
/// Other optional keys are left out when empty.
extension StatuspageAPI {
    package struct Page: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var url: String
        package var timeZone: String
        package var updatedAt: String

        package enum CodingKeys: String, CodingKey {
            case id, name, url
            case timeZone = "time_zone"
            case updatedAt = "updated_at"
        }
    }

    package struct Status: Codable, Sendable, Equatable {
        package var indicator: String
        package var description: String
    }

    package struct Component: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var status: String
        package var createdAt: String
        package var updatedAt: String
        package var position: Int
        @Nullable package var description: String?
        package var showcase: Bool
        @Nullable package var startDate: String?
        @Nullable package var groupID: String?
        package var pageID: String
        package var group: Bool
        package var onlyShowIfDegraded: Bool
        package var components: [String]?
        /// Herald's own uptime figures, in components.json only; the prefix keeps Statuspage
        /// clients from mistaking it for one of theirs.
        package var heraldUptime: HeraldUptime? = nil

        enum CodingKeys: String, CodingKey {
            case id, name, status, position, description, showcase, group, components
            case heraldUptime = "herald_uptime"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case startDate = "start_date"
            case groupID = "group_id"
            case pageID = "page_id"
            case onlyShowIfDegraded = "only_show_if_degraded"
        }

    }

    /// A component's uptime over the last 30 and 90 days, as the pages show it.
    package struct HeraldUptime: Codable, Sendable, Equatable {
        package var last30Days: Period
        package var last90Days: Period

        enum CodingKeys: String, CodingKey {
            case last30Days = "last_30_days"
            case last90Days = "last_90_days"
        }

        package struct Period: Codable, Sendable, Equatable {
            /// The uptime in percent, rounded down to two decimals; null when nothing was measured.
            @Nullable package var uptimePercent: Double?
            /// The weighted downtime, in whole seconds.
            package var downtimeSeconds: Int
            /// The time measured (after the component's `since`, outside maintenance), in whole
            /// seconds.
            package var measuredSeconds: Int

            enum CodingKeys: String, CodingKey {
                case uptimePercent = "uptime_percent"
                case downtimeSeconds = "downtime_seconds"
                case measuredSeconds = "measured_seconds"
            }

        }
    }

    package struct AffectedComponent: Codable, Sendable, Equatable {
        package var code: String
        package var name: String
        package var oldStatus: String
        package var newStatus: String

        enum CodingKeys: String, CodingKey {
            case code, name
            case oldStatus = "old_status"
            case newStatus = "new_status"
        }
    }

    package struct IncidentUpdate: Codable, Sendable, Equatable {
        package var id: String
        package var status: String
        package var body: String
        package var incidentID: String
        package var createdAt: String
        package var updatedAt: String
        package var displayAt: String
        @Nullable package var affectedComponents: [AffectedComponent]?

        package enum CodingKeys: String, CodingKey {
            case id, status, body
            case incidentID = "incident_id"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case displayAt = "display_at"
            case affectedComponents = "affected_components"
        }

    }

    /// What marks an incident as a Herald notice: an announcement that changes no status,
    /// listed as an incident with impact `none` that is `resolved` from the start.
    package struct HeraldNotice: Codable, Sendable, Equatable {
        /// When it leaves the status page, or null when it has no end.
        @Nullable package var until: String?
    }

    package struct Incident: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var status: String
        package var createdAt: String
        package var updatedAt: String
        @Nullable package var monitoringAt: String?
        @Nullable package var resolvedAt: String?
        package var impact: String
        package var shortlink: String
        package var startedAt: String
        package var pageID: String
        package var incidentUpdates: [IncidentUpdate]
        package var components: [Component]
        /// A scheduled maintenance's window (absent on incidents).
        package var scheduledFor: String?
        package var scheduledUntil: String?
        /// Herald's informational notices only (absent on incidents and maintenance).
        package var heraldNotice: HeraldNotice?

        package enum CodingKeys: String, CodingKey {
            case id, name, status, impact, shortlink, components
            case heraldNotice = "herald_notice"
            case scheduledFor = "scheduled_for"
            case scheduledUntil = "scheduled_until"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case monitoringAt = "monitoring_at"
            case resolvedAt = "resolved_at"
            case startedAt = "started_at"
            case pageID = "page_id"
            case incidentUpdates = "incident_updates"
        }

    }
}

/// An optional that the JSON always carries, as `null` where there is no value (Codable's own
/// optionals leave the key out). A missing key still reads as nil.
@propertyWrapper
package struct Nullable<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    package var wrappedValue: Value?

    package init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A `@Nullable` whose key is missing reads as nil, as a plain optional does.
    func decode<Value>(_ type: Nullable<Value>.Type, forKey key: Key) throws -> Nullable<Value> {
        try decodeIfPresent(type, forKey: key) ?? Nullable(wrappedValue: nil)
    }
}
