import Foundation
import HeraldCore

/// The request body of a notification, in each target's format.
package enum NotifyPayload {
    /// The JSON body for a target of `kind`: indented with sorted keys and a final newline, so
    /// that `--dry-run` prints exactly the bytes a run sends.
    ///
    /// - Parameters:
    ///   - kind: The target's kind.
    ///   - notice: The update.
    ///   - context: The site.
    /// - Returns: UTF-8 JSON.
    package static func body(for kind: NotifyTarget.Kind, notice: UpdateNotice, context: NotifyContext) throws -> Data {
        switch kind {
        case .slack: try JSONOutput.encode(slack(notice, context: context))
        case .teams: try JSONOutput.encode(teams(notice, context: context))
        case .discord: try JSONOutput.encode(discord(notice, context: context))
        case .webhook: try JSONOutput.encode(statuspageWebhook(notice, context: context))
        }
    }

    /// The one-line summary every format starts with: "[Major] Delayed payments: Monitoring",
    /// "[Maintenance] Payment provider migration: Scheduled" or "[Notice] New IP ranges: Notice".
    static func headline(_ notice: UpdateNotice) -> String {
        "[\(notice.impactLabel)] \(notice.title): \(notice.statusLabel)"
    }

    /// A time as readers of every chat see it the same way, in the site's zone with its offset:
    /// `2026-11-26 16:10 UTC+1`.
    static func time(_ date: Date, _ context: NotifyContext) -> String {
        Timestamp.wallClock(date, in: context.timeZone)
    }

    /// The maintenance window, when there is one: "2026-12-06 03:00 UTC+1 to 2026-12-06 05:00 UTC+1".
    static func window(_ notice: UpdateNotice, _ context: NotifyContext) -> String? {
        notice.maintenance.map { "\(time($0.start, context)) to \(time($0.end, context))" }
    }

    // MARK: Slack

    /// Slack's limits: a header's text, a section's text and a field's text.
    static let slackHeaderLimit = 150
    static let slackSectionLimit = 3000
    static let slackFieldLimit = 2000

    /// A Slack incoming-webhook message: `text` (the notification's fallback) and Block Kit
    /// `blocks` in mrkdwn.
    static func slack(_ notice: UpdateNotice, context: NotifyContext) -> JSONValue {
        func mrkdwn(_ text: String) -> JSONValue { ["type": "mrkdwn", "text": .string(text)] }
        var fields: [JSONValue] = [
            mrkdwn("*Status*\n" + ChatText.escapeSlack(notice.statusLabel)),
            mrkdwn("*Impact*\n" + ChatText.escapeSlack(notice.impactLabel)),
            mrkdwn(("*Components*\n" + ChatText.escapeSlack(notice.componentsLabel)).truncated(to: slackFieldLimit)),
        ]
        if let changes = notice.changesLabel {
            fields.append(mrkdwn(("*Changes*\n" + ChatText.escapeSlack(changes)).truncated(to: slackFieldLimit)))
        }
        if let window = window(notice, context) { fields.append(mrkdwn("*Window*\n" + window)) }
        var blocks: [JSONValue] = [
            [
                "type": "header",
                "text": ["type": "plain_text", "text": .string(notice.title.truncated(to: slackHeaderLimit))],
            ],
            ["type": "section", "fields": .array(fields)],
        ]
        let text = ChatText(.slack).render(notice.markdown, base: URL(string: notice.link))
        if !text.isEmpty {
            blocks.append(["type": "section", "text": mrkdwn(text.truncated(to: slackSectionLimit))])
        }
        let link = notice.link.replacingOccurrences(of: "|", with: "%7C").replacingOccurrences(of: ">", with: "%3E")
        blocks.append([
            "type": "context",
            "elements": [
                mrkdwn("<\(link)|View on \(ChatText.escapeSlack(context.siteTitle))> · \(time(notice.time, context))")
            ],
        ])
        return [
            "text": .string(ChatText.escapeSlack(headline(notice)).truncated(to: slackSectionLimit)),
            "blocks": .array(blocks),
            "unfurl_links": false,
        ]
    }

    // MARK: Teams

    /// A Microsoft Teams message for a channel webhook made with the Workflows app ("Post to a
    /// channel when a webhook request is received"): one Adaptive Card 1.4 attachment. Office 365
    /// connector webhooks and their MessageCards are being retired.
    static func teams(_ notice: UpdateNotice, context: NotifyContext) -> JSONValue {
        var facts: [JSONValue] = [
            ["title": "Status", "value": .string(notice.statusLabel)],
            ["title": "Impact", "value": .string(notice.impactLabel)],
            ["title": "Components", "value": .string(notice.componentsLabel)],
        ]
        if !notice.changes.isEmpty {
            // A fact's value is one paragraph: the changes are listed with semicolons.
            facts.append(["title": "Changes", "value": .string(notice.changes.joined(separator: "; "))])
        }
        if let window = window(notice, context) { facts.append(["title": "Window", "value": .string(window)]) }
        facts.append(["title": "Posted", "value": .string(time(notice.time, context))])
        var body: [JSONValue] = [
            [
                "type": "TextBlock", "text": .string(notice.title), "size": "Large", "weight": "Bolder",
                "wrap": true,
            ],
            ["type": "FactSet", "facts": .array(facts)],
        ]
        let text = ChatText(.markdown).render(notice.markdown, base: URL(string: notice.link))
        if !text.isEmpty { body.append(["type": "TextBlock", "text": .string(text), "wrap": true]) }
        let card: JSONValue = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "msteams": ["width": "Full"],
            "body": .array(body),
            "actions": [
                [
                    "type": "Action.OpenUrl", "title": .string("View on \(context.siteTitle)"),
                    "url": .string(notice.link),
                ]
            ],
        ]
        return [
            "type": "message",
            "summary": .string(headline(notice)),
            "attachments": [
                ["contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": .null, "content": card]
            ],
        ]
    }

    // MARK: Discord

    /// Discord's limits: an embed's title, description, field value and footer.
    static let discordTitleLimit = 256
    static let discordDescriptionLimit = 4096
    static let discordFieldLimit = 1024
    static let discordFooterLimit = 2048
    static let discordTotalLimit = 6000

    /// The embed colour: green when the update ends the incident or maintenance, blue for
    /// maintenance and notices, else by impact (grey, yellow, orange, red).
    static func discordColor(_ notice: UpdateNotice) -> Int {
        if notice.isFinal { return 0x2E_CC71 }
        if notice.isNotice { return 0x34_98DB }
        switch notice.impact {
        case nil: return 0x34_98DB
        case .none?: return 0x95_A5A6
        case .minor?: return 0xF1_C40F
        case .major?: return 0xE6_7E22
        case .critical?: return 0xE7_4C3C
        }
    }

    /// A Discord webhook message: one embed, and no mentions, whatever the text says.
    static func discord(_ notice: UpdateNotice, context: NotifyContext) -> JSONValue {
        // All of an embed's texts together may not exceed 6000 characters.
        let title = notice.title.truncated(to: discordTitleLimit)
        let footer = context.siteTitle.truncated(to: discordFooterLimit)
        let fieldsLength =
            ["Status", notice.statusLabel, "Impact", notice.impactLabel, "Components"].map(\.count)
            .reduce(0, +) + min(notice.componentsLabel.count, discordFieldLimit)
            + (window(notice, context).map { "Window".count + $0.count } ?? 0)
            + (notice.changesLabel.map { "Changes".count + min($0.count, discordFieldLimit) } ?? 0)
        let room = min(discordDescriptionLimit, discordTotalLimit - title.count - footer.count - fieldsLength)
        var fields: [JSONValue] = [
            ["name": "Status", "value": .string(notice.statusLabel), "inline": true],
            ["name": "Impact", "value": .string(notice.impactLabel), "inline": true],
            [
                "name": "Components", "value": .string(notice.componentsLabel.truncated(to: discordFieldLimit)),
                "inline": false,
            ],
        ]
        if let changes = notice.changesLabel {
            fields.append([
                "name": "Changes", "value": .string(changes.truncated(to: discordFieldLimit)), "inline": false,
            ])
        }
        if let window = window(notice, context) {
            fields.append(["name": "Window", "value": .string(window), "inline": false])
        }
        var embed: [String: JSONValue] = [
            "title": .string(title),
            "url": .string(notice.link),
            "color": .int(discordColor(notice)),
            "fields": .array(fields),
            "timestamp": .string(Timestamp.iso8601(notice.time)),
            "footer": ["text": .string(footer)],
        ]
        let text = ChatText(.markdown).render(notice.markdown, base: URL(string: notice.link))
        if !text.isEmpty, room > 1 { embed["description"] = .string(text.truncated(to: room)) }
        return [
            "content": .string(ChatText.escapeMarkdown(headline(notice)).truncated(to: 2000)),
            "embeds": [.object(embed)],
            "allowed_mentions": ["parse": []],
        ]
    }

    // MARK: Generic webhook

    /// Where the generic webhook's payload shape is documented.
    static let webhookDocumentation = "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/"

    /// Statuspage's incident webhook payload: `meta`, `page` and the `incident` as the API shows
    /// it when the update was posted, its newest update first. There is no unsubscribe link:
    /// `meta.unsubscribe` is null (remove the target from `herald.yml` instead).
    static func statuspageWebhook(_ notice: UpdateNotice, context: NotifyContext) -> some Encodable {
        struct Meta: Encodable {
            /// Statuspage sends the key with null when there is nothing to unsubscribe from.
            @Nullable var unsubscribe: String?
            var documentation: String
        }
        struct Page: Encodable {
            var id: String
            var statusIndicator: String
            var statusDescription: String
            enum CodingKeys: String, CodingKey {
                case id
                case statusIndicator = "status_indicator"
                case statusDescription = "status_description"
            }
        }
        struct Payload: Encodable {
            var meta: Meta
            var page: Page
            var incident: StatuspageAPI.Incident
        }
        return Payload(
            meta: Meta(unsubscribe: nil, documentation: webhookDocumentation),
            page: Page(
                id: context.pageID,
                statusIndicator: context.indicator.apiIndicator,
                statusDescription: context.indicator.description
            ),
            incident: notice.apiIncident
        )
    }
}
