// The views that every page repeats build their template values themselves: the encoder's walk
// (a container, a box and a dictionary insert through a protocol witness per value) was a tenth
// of a large build. The names are the properties' names, as the encoder would give them; none is
// named like a value the theme may print into its templates (`t`, `site`, `built`, `page`), so
// only names that come from data (`namesFromData`, the theme's asset names) are counted. `TemplateDataTests` checks that both ways give the same values for
// every view of the sample sites.

/// A view that makes its template value without the encoder.
protocol DirectTemplateValue: Encodable {
    /// The value `TemplateData.convert` would make of it: strings as `TemplateText`s, nested views
    /// as `TemplateObject`s, arrays as `[any Sendable]`, and no entry for a nil optional.
    var templateValue: TemplateObject { get }
    /// The names in the value that do not come from the view's properties (a dictionary's keys),
    /// which the conversion counts like the encoder's.
    var namesFromData: [String] { get }
}

extension DirectTemplateValue {
    var namesFromData: [String] { [] }
}

extension Array where Element: DirectTemplateValue {
    fileprivate var templateValues: [any Sendable] { map { $0.templateValue } }
}

extension TimeView: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: ["iso": TemplateText(iso), "text": TemplateText(text)])
    }
}

extension WindowView: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: ["start": start.templateValue, "end": end.templateValue])
    }
}

extension AffectedView: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: [
            "name": TemplateText(name), "url": TemplateText(url), "status": TemplateText(status),
            "statusLabel": TemplateText(statusLabel),
        ])
    }
}

extension UpdateView: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: [
            "status": TemplateText(status), "statusLabel": TemplateText(statusLabel), "anchor": TemplateText(anchor),
            "time": time.templateValue, "bodyHTML": TemplateText(bodyHTML),
        ])
    }
}

extension IncidentView: DirectTemplateValue {
    var templateValue: TemplateObject {
        var values: [String: any Sendable] = [
            "slug": TemplateText(slug), "title": TemplateText(title), "url": TemplateText(url),
            "impact": TemplateText(impact), "impactLabel": TemplateText(impactLabel), "status": TemplateText(status),
            "statusLabel": TemplateText(statusLabel), "isOpen": isOpen, "started": started.templateValue,
            "duration": TemplateText(duration), "components": components.templateValues,
            "hasComponents": hasComponents, "componentIDs": TemplateText(componentIDs),
            "summaryHTML": TemplateText(summaryHTML), "hasSummary": hasSummary, "isMaintenance": isMaintenance,
            "updates": updates.templateValues,
        ]
        if let resolved { values["resolved"] = resolved.templateValue }
        if let window { values["window"] = window.templateValue }
        if let latestUpdate { values["latestUpdate"] = latestUpdate.templateValue }
        return TemplateObject(values: values)
    }
}

extension DayView: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: [
            "date": date.templateValue, "incidents": incidents.templateValues, "isQuiet": isQuiet,
        ])
    }
}

extension MonthView: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: [
            "key": TemplateText(key), "label": TemplateText(label), "url": TemplateText(url), "count": count,
            "countLabel": TemplateText(countLabel), "incidents": incidents.templateValues,
        ])
    }
}

extension FeedLinks: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: [
            "title": TemplateText(title), "rss": TemplateText(rss), "atom": TemplateText(atom),
            "json": TemplateText(json),
        ])
    }
}

extension BrandView: DirectTemplateValue {
    var templateValue: TemplateObject {
        var values: [String: any Sendable] = ["color": TemplateText(color)]
        if let stylesheet { values["stylesheet"] = TemplateText(stylesheet) }
        if let logo { values["logo"] = TemplateText(logo) }
        return TemplateObject(values: values)
    }
}

extension LinkView: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: ["url": TemplateText(url), "text": TemplateText(text)])
    }
}

extension IncidentContent: DirectTemplateValue {
    var templateValue: TemplateObject {
        TemplateObject(values: ["incident": incident.templateValue])
    }
}

extension MonthContent: DirectTemplateValue {
    var templateValue: TemplateObject {
        var values: [String: any Sendable] = ["month": month.templateValue]
        if let newer { values["newer"] = newer.templateValue }
        if let older { values["older"] = older.templateValue }
        return TemplateObject(values: values)
    }
}

extension PageView: DirectTemplateValue {
    var templateValue: TemplateObject {
        var values: [String: any Sendable] = [
            "title": TemplateText(title), "description": TemplateText(description), "root": TemplateText(root),
            "canonicalURL": TemplateText(canonicalURL), "isIndex": isIndex, "isHistory": isHistory,
            "feeds": feeds.templateValue,
            "assets": TemplateObject(values: assets.mapValues { TemplateText($0) as any Sendable }),
            "hasMaintenanceClock": hasMaintenanceClock, "timeZoneNote": TemplateText(timeZoneNote),
        ]
        if let brand { values["brand"] = brand.templateValue }
        return TemplateObject(values: values)
    }

    /// The asset names, such as `style_css`: a theme's file could be named `page` or `t`.
    var namesFromData: [String] { Array(assets.keys) }
}
