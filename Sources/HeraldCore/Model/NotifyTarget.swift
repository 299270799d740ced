/// A place `herald notify` posts new updates to, from `herald.yml`'s `notify:` list.
///
/// ```yaml
/// notify:
///   - id: support
///     type: slack
///     url_env: SLACK_SUPPORT_WEBHOOK_URL
///     components: [payments, payouts]
/// ```
///
/// The webhook URL is a secret, so the file names only the environment variable that holds it.
package struct NotifyTarget: Sendable, Hashable {
    /// The kinds of targets.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A Slack incoming webhook (`text` and Block Kit `blocks` in mrkdwn).
        case slack
        /// A Microsoft Teams channel webhook made with the Workflows app (an Adaptive Card).
        case teams
        /// A Discord channel webhook (an embed).
        case discord
        /// Any endpoint that takes Statuspage's webhook payload.
        case webhook
    }

    /// The stable name the delivery ledger records deliveries under.
    package var id: String
    /// The kind of target, which decides the payload.
    package var kind: Kind
    /// The environment variable holding the webhook URL.
    package var urlEnvironmentVariable: String
    /// The component ids the target hears about; nil for every update.
    package var components: [String]?

    /// Creates a target.
    package init(id: String, kind: Kind, urlEnvironmentVariable: String, components: [String]? = nil) {
        self.id = id
        self.kind = kind
        self.urlEnvironmentVariable = urlEnvironmentVariable
        self.components = components
    }

    /// Whether the target hears about an update of an incident affecting `componentIDs`: always
    /// without a filter, else when the incident affects one of the target's components.
    package func accepts(componentIDs: [String]) -> Bool {
        guard let components else { return true }
        return componentIDs.contains { components.contains($0) }
    }
}
