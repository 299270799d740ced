import Foundation

/// `embed.js`: a small script an operator adds to their own app. The build writes the current
/// state into it, so it makes no network request and sets no cookie. It shows a banner only while
/// an open incident or a maintenance under way touches one of the components named in
/// `data-components` (any component when the attribute is absent), or a current notice asks to
/// be shown (every reader sees one that names no component), and remembers a dismissal per
/// update in `localStorage`.
///
/// The banner lives in a shadow root and is styled through the CSSOM (`style` properties), which a
/// host page's Content-Security-Policy does not block, so it neither breaks nor is broken by the
/// host's styles.
struct EmbedScript: Sendable {
    /// One banner item: an open incident.
    struct Item: Encodable, Sendable {
        /// The latest update's id: dismissing hides the banner until the next update.
        var id: String
        /// The incident title.
        var title: String
        /// The latest update's status word.
        var status: String
        /// The latest update's time (RFC 3339, UTC).
        var time: String
        /// The incident page.
        var url: String
        /// The ids of the affected components.
        var components: [String]
        /// The incident's impact (`maintenance`, `notice`).
        var impact: String
        /// Whether it concerns every reader: a notice that names no component.
        var all: Bool
    }

    /// The banner's own words and language, from the site's locale file.
    struct Words: Encodable, Sendable {
        /// The language tag, for formatting times.
        var lang: String
        /// The link to the incident page.
        var details: String
        /// The button.
        var dismiss: String
        /// The button's accessible name.
        var dismissLabel: String
    }

    var items: [Item]
    var statusPageURL: String
    var words: Words

    /// Creates the script's state; without a localization, the banner speaks English.
    init(site: Site, status: SiteStatus, localization: Localization? = nil) {
        words = Words(
            lang: localization?.language ?? "en",
            details: localization?.string("embed_details") ?? "Details",
            dismiss: localization?.string("embed_dismiss") ?? "Dismiss",
            dismissLabel: localization?.string("embed_dismiss_label") ?? "Dismiss status message"
        )
        // Notices only when their file asks for it (`notice: {embed: true}`).
        let notices = status.currentNotices.filter { site.incidents[$0].notice?.showsInEmbed == true }
        items = (status.openIncidents + status.activeMaintenance + notices).map { position in
            let incident = site.incidents[position]
            let latest = incident.latestUpdate
            return Item(
                id: "\(incident.slug)-\(latest?.anchor ?? "")",
                title: incident.title,
                status: Self.word(incident.displayedStatus(at: site.asOf), localization),
                time: Timestamp.iso8601(latest?.time ?? incident.started),
                url: site.config.absoluteURL("incidents/\(incident.slug)/"),
                components: incident.components.map(\.id),
                impact: incident.notice != nil
                    ? "notice" : incident.maintenance == nil ? incident.impact.rawValue : "maintenance",
                all: incident.notice != nil && incident.components.isEmpty
            )
        }
        statusPageURL = site.config.url.absoluteString
    }

    private static func word(_ status: UpdateStatus, _ localization: Localization?) -> String {
        localization?.string("update_status_\(status.apiValue)") ?? status.rawValue
    }

    /// The state as a JavaScript literal: JSON with `<`, `>`, `&` and the line separators escaped,
    /// so no text from an incident can end the script or break older parsers.
    func stateLiteral() throws -> String {
        struct State: Encodable {
            var items: [Item]
            var page: String
            var t: Words
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(
            decoding: try encoder.encode(State(items: items, page: statusPageURL, t: words)), as: UTF8.self)
        var result = ""
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The script.
    func source() throws -> String {
        "/* Herald status banner: no network requests, no cookies. */\n"
            + "(function(S){\"use strict\";\n" + Self.body + "})(" + (try stateLiteral()) + ");\n"
    }

    // The banner logic, kept small (the whole file stays under 4 KB with a few open incidents).
    // The role=status box goes in empty and its text follows a moment later, so screen readers
    // announce it; a keyboard dismissal gives focus back to where it came from.
    private static let body = #"""
        var d=document,s=d.currentScript,w=s&&s.getAttribute("data-components"),top=s&&s.getAttribute("data-position")==="top";
        var want=w!=null?w.split(",").map(function(x){return x.trim()}).filter(Boolean):null;
        function seen(i){try{return localStorage.getItem("herald:"+i.id)==="1"}catch(e){return false}}
        var items=S.items.filter(function(i){return(!want||i.all||i.components.some(function(c){return want.indexOf(c)>=0}))&&!seen(i)});
        if(!items.length)return;
        function el(n,css,t){var e=d.createElement(n);if(css)e.style.cssText=css;if(t)e.textContent=t;return e}
        function when(t){try{return new Date(t).toLocaleString(S.t.lang,{dateStyle:"medium",timeStyle:"short"})}catch(e){return t}}
        function show(){
        var host=el("div","all:initial;display:block;position:"+(top?"relative":"fixed")+";z-index:2147483000;"+(top?"":"left:0;right:0;bottom:0;pointer-events:none;"));
        host.setAttribute("data-herald-banner","");
        var root=host.attachShadow?host.attachShadow({mode:"open"}):host;
        var box=el("div","all:initial;box-sizing:border-box;max-width:768px;margin:0 auto;padding:12px 16px;background:#1f2328;color:#fff;font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;border-left:6px solid #ffb000;display:flex;gap:16px;align-items:flex-start;pointer-events:auto"+(top?"":";margin-bottom:16px;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.35)"));
        box.setAttribute("role","status");
        var text=el("div","flex:1;min-width:0");
        items.forEach(function(i){
        var p=el("p","margin:0 0 4px");p.appendChild(el("strong","font-weight:700",i.title));
        p.appendChild(d.createTextNode(" \u2014 "+i.status+", "+when(i.time)+" "));
        var a=el("a","color:#9ecbff;text-decoration:underline",S.t.details);a.href=i.url;a.setAttribute("aria-label",S.t.details+": "+i.title);
        p.appendChild(a);text.appendChild(p)});
        var b=el("button","flex:none;font:inherit;color:#fff;background:transparent;border:1px solid #fff;border-radius:4px;padding:3px 10px;cursor:pointer",S.t.dismiss);
        b.type="button";b.setAttribute("aria-label",S.t.dismissLabel);
        function ring(e,on){e.style.outline=on?"3px solid #9ecbff":"";e.style.outlineOffset=on?"2px":""}
        [b].concat([].slice.call(text.querySelectorAll("a"))).forEach(function(e){e.addEventListener("focus",function(){ring(e,true)});e.addEventListener("blur",function(){ring(e,false)})});
        var back=null;box.addEventListener("focusin",function(e){var r=e.relatedTarget;if(r&&r!==host&&!host.contains(r)&&!box.contains(r))back=r});
        b.addEventListener("click",function(){items.forEach(function(i){try{localStorage.setItem("herald:"+i.id,"1")}catch(e){}});
        var inside=d.activeElement===host||host.contains(d.activeElement);host.remove();if(inside&&back&&back.isConnected)back.focus()});
        box.appendChild(b);root.appendChild(box);
        if(top)d.body.insertBefore(host,d.body.firstChild);else d.body.appendChild(host);
        setTimeout(function(){box.insertBefore(text,b)},50)}
        if(d.body)show();else d.addEventListener("DOMContentLoaded",show);

        """#
}
